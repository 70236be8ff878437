import { staffNameHash } from '../domain/staff';
import type { EvidenceRepository } from './evidence';
import type { SigningKeyRepository } from './secrets';

/**
 * The staff list's names, as screening asks for them: a test of one phrase of a comment against the
 * keyed hashes the staff import stored (the names themselves are never kept). Undefined when the
 * staff list has no names.
 */
export async function staffNameTest(
  evidence: Pick<EvidenceRepository, 'list'>,
  staffKey: Pick<SigningKeyRepository, 'get'>,
): Promise<((candidate: string) => boolean) | undefined> {
  const hashes = new Set((await evidence.list('staff')).flatMap((s) => s.nameHashes ?? []));
  if (!hashes.size) return undefined;
  const key = await staffKey.get();
  return (candidate) => hashes.has(staffNameHash(key, candidate));
}
