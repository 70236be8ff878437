import { CfnOutput, Stack } from 'aws-cdk-lib';
import { DomainName, EndpointType, SecurityPolicy, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayDomain } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';

export type FormDomainConfig = NonNullable<TrustConfig['form']['domain']>;

/**
 * The trust's own web address for the form (`form.domain` in the config): an API Gateway custom
 * domain on the trust's ACM certificate, TLS 1.2 at least, mapped at its root to the form's stage, so
 * links read `https://{domain}/f/{id}`. The trust points the domain's DNS at the printed target, or
 * names its Route 53 hosted zone and the stack adds the record. The execute-api address keeps working.
 */
export class FormDomain extends Construct {
  readonly domainName: DomainName;
  /** The form API's base URL on the domain, ending in a slash, as `RestApi.url` does. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: { domain: FormDomainConfig; api: RestApi }) {
    super(scope, id);
    const { name, certificateArn, hostedZoneId } = props.domain;
    this.url = `https://${name}/`;
    this.domainName = new DomainName(this, 'Name', {
      domainName: name,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    // No base path: the domain's root is the stage, and every route keeps its own path.
    this.domainName.addBasePathMapping(props.api, { stage: props.api.deploymentStage });
    if (hostedZoneId)
      new ARecord(this, 'Record', {
        zone: HostedZone.fromHostedZoneId(this, 'Zone', hostedZoneId),
        // Fully qualified, so the zone's own name (not known from its id) is never needed.
        recordName: `${name}.`,
        target: RecordTarget.fromAlias(new ApiGatewayDomain(this.domainName)),
      });
    new CfnOutput(Stack.of(this), 'FormDomainTarget', {
      value: this.domainName.domainNameAliasDomainName,
      description: hostedZoneId
        ? `${name} points here: the stack adds its alias record in the hosted zone ${hostedZoneId}`
        : `Point ${name} here: add a CNAME record for ${name} with this value to the trust's DNS`,
    });
  }
}
