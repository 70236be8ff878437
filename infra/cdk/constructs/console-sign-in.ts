import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AccountRecovery,
  CfnUserPoolUser,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../../shared/schemas/config';
import type { Pillar7Function } from './pillar7-function';
import { FORM_STAGE } from './form-api';

/**
 * Who may use the QA lead's console: a Cognito user pool of the trust's QA leads (invited by e-mail
 * from the config; no one may sign themselves up), with its hosted sign-in and a second factor. The
 * console function checks what Cognito hands back and keeps its own short session; it may resume a
 * cycle run that waits for approval, and nothing else on the state machine.
 */
export class ConsoleSignIn extends Construct {
  readonly userPool: UserPool;

  constructor(
    scope: Construct,
    id: string,
    props: { config: TrustConfig; api: RestApi; consoleFunction: Pillar7Function; cycle: StateMachine },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    this.userPool = new UserPool(this, 'QaLeads', {
      userPoolName: `${stack.stackName}-qa-leads`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: `${props.config.trust.name}: your pillar7 console account`,
        emailBody:
          'You can now review and approve quality assurance reports in the pillar7 console. Your user name is {username} and your temporary password is {####}. You will choose a new password and set up a second sign-in factor the first time you sign in.',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Built from the API's id (not its stage) so the function's settings do not depend on its own route.
    // On the trust's own domain the console answers there too, and Cognito sends the QA lead back there.
    const formDomain = props.config.form.domain?.name;
    const callback = Fn.join('', [
      'https://',
      props.api.restApiId,
      '.execute-api.',
      Aws.REGION,
      `.${Aws.URL_SUFFIX}/${FORM_STAGE}/console/callback`,
    ]);
    const client = this.userPool.addClient('Console', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [callback, ...(formDomain ? [`https://${formDomain}/console/callback`] : [])],
      },
      idTokenValidity: Duration.minutes(5),
      accessTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.hours(1),
    });
    const domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: {
        domainPrefix: Fn.join('-', [stack.stackName.toLowerCase(), Aws.ACCOUNT_ID]) as string,
      },
    });
    props.config.board.qaLeads.forEach(
      (email, i) =>
        new CfnUserPoolUser(this, `QaLead${i + 1}`, {
          userPoolId: this.userPool.userPoolId,
          username: email,
          desiredDeliveryMediums: ['EMAIL'],
          userAttributes: [
            { name: 'email', value: email },
            { name: 'email_verified', value: 'true' },
          ],
        }),
    );
    const fn = props.consoleFunction.fn;
    fn.addEnvironment('USER_POOL_ID', this.userPool.userPoolId);
    fn.addEnvironment('USER_POOL_CLIENT_ID', client.userPoolClientId);
    fn.addEnvironment(
      'COGNITO_DOMAIN',
      Fn.join('', [domain.domainName, '.auth.', Aws.REGION, '.amazoncognito.com']),
    );
    fn.addEnvironment('STATE_MACHINE_ARN', props.cycle.stateMachineArn);
    // Resume a run waiting for approval (and only that): the task-response actions on the cycle.
    props.cycle.grantTaskResponse(fn);
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The pool holds a handful of invited QA leads, each with a required second factor; the Plus feature plan (threat protection) costs per user and adds little where no one can sign up.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'A handful of QA leads, invited by name, each with a required second factor (TOTP); threat protection (a paid feature plan) adds little for a pool no one can sign up to.',
    });
    new CfnOutput(stack, 'ConsoleUrl', {
      value: formDomain ? `https://${formDomain}/console` : Fn.join('', [props.api.url, 'console']),
      description: "The QA lead's console (sign in with the account Cognito e-mailed)",
    });
  }
}
