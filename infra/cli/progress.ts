/** A progress bar on stderr, for a person at a terminal only: piped or captured output stays clean. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const draw = (done: number, detail: string, force = false) => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const share = total ? Math.min(1, done / total) : 1;
    const width = 30;
    stream.write(
      `\r[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${String(Math.round(share * 100)).padStart(3)}%  ${detail}`,
    );
  };
  let latest = { done: 0, detail: '' };
  return {
    update(done: number, detail: string) {
      latest = { done, detail };
      draw(done, detail);
    },
    end() {
      draw(latest.done, latest.detail, true);
      if (stream.isTTY) stream.write('\n');
    },
  };
}
