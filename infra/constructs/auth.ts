import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/actor';
import { STATEFUL_REMOVAL } from './data';

/** The custom attribute that carries the user's office code; tokens show it as `custom:office`. */
export const OFFICE_ATTRIBUTE = 'office';

export interface ProvinceUsersProps {
  provinceName: string;
  /** `plus` (threat protection) unless the region lacks it (settings `cognitoFeaturePlan`). */
  featurePlan: 'plus' | 'essentials';
  /** Verified SES address for invitations and codes; default Cognito's own sender (50 a day). */
  sesFromAddress: string | undefined;
  sesRegion: string | undefined;
  /** Off only during a province's first deploy (see ProvinceStack), so that its rollback is clean. */
  deletionProtection: boolean;
  /** Prefix of the sign-in domain `<prefix>.auth.<region>.amazoncognito.com`. */
  domainPrefix: string;
  /** Managed login unless the region lacks it (settings `signInPages`). */
  signInPages: 'managed-login' | 'classic-hosted-ui';
}

/** ID (and access) token lifetime of the forms: at most one hour. */
export const FORMS_ID_TOKEN_VALIDITY = Duration.hours(1);
/** Refresh token lifetime: an officer's working day. */
export const FORMS_REFRESH_TOKEN_VALIDITY = Duration.hours(12);

/**
 * The province's users. Accounts are created by the province admin only (no self sign-up);
 * the five roles are Cognito groups, so they arrive in the ID token's `cognito:groups`, and the
 * office is the custom attribute `custom:office` (shared/domain/actor.ts reads both). Officers
 * sign in on Cognito's managed login pages (the pool's domain) and come back to the forms.
 */
export class ProvinceUsers extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  /** Set by addFormsClient (the forms' origin is known only once the hosting exists). */
  formsClient!: UserPoolClient;
  private readonly signInPages: ProvinceUsersProps['signInPages'];

  constructor(scope: Construct, id: string, props: ProvinceUsersProps) {
    super(scope, id);
    const plus = props.featurePlan === 'plus';
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      userInvitation: {
        emailSubject: `Akun Pascarehab ${props.provinceName}`,
        emailBody:
          'Akun Pascarehab Anda telah dibuat. Nama pengguna: {username}. Kata sandi sementara: {####} ' +
          '(wajib diganti saat masuk pertama kali).',
      },
      customAttributes: {
        // Mutable so that an admin can move an officer to another office; users themselves
        // cannot write it (see the client's writeAttributes).
        [OFFICE_ATTRIBUTE]: new StringAttribute({ minLen: 5, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // MFA required for every user, with an authenticator app (TOTP; no SMS, which needs an
      // SNS role and costs per message). The pool holds health and criminal-record data
      // ("specific personal data", UU 27/2022); with OPTIONAL a user could switch MFA off for
      // themselves. New users set up TOTP at their first sign-in (MFA_SETUP challenge).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      enableSmsRole: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus plan: threat protection blocks sign-ins with compromised credentials and risky
      // sign-ins; worth its per-user price for accounts that read health and criminal data.
      // Essentials only where a region does not offer Plus (docs/deployment.md).
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      // Cognito's own sender allows 50 e-mails a day: too few to invite a province's officers
      // in one go. With SES the province's verified address sends them.
      ...(props.sesFromAddress
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.sesFromAddress,
              fromName: `Pascarehab ${props.provinceName}`,
              ...(props.sesRegion ? { sesRegion: props.sesRegion } : {}),
            }),
          }
        : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: STATEFUL_REMOVAL,
    });

    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials only where the region does not offer the Plus plan (settings cognitoFeaturePlan, docs/deployment.md): threat protection is then unavailable, while MFA stays required for every user and passwords stay 12+ characters with history.',
      });
    }

    for (const role of ROLES) {
      this.userPool.addGroup(`Group${role.charAt(0).toUpperCase()}${role.slice(1)}`, {
        groupName: role,
        description: `Pascarehab role ${role}`,
      });
    }

    // The sign-in pages (Cognito managed login) on a Cognito prefix domain; the prefix must be
    // unique in the region across all AWS customers, hence the account id in the default.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion:
        props.signInPages === 'managed-login'
          ? ManagedLoginVersion.NEWER_MANAGED_LOGIN
          : ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.signInPages = props.signInPages;
  }

  /**
   * The forms' app client: a public client (no secret) for the authorization code flow with
   * PKCE through the managed login pages, redirecting back to the forms' origin only. MFA
   * stays required (a pool setting). Sessions: ID and access tokens live one hour; the
   * refresh token 12 hours, one officer's working day (sign in once in the morning, the
   * forms renew tokens silently until evening, then sign-in again).
   */
  addFormsClient(formsOrigin: string): UserPoolClient {
    // The origin with and without the trailing slash: the forms send whichever
    // `location.origin` or `${location.origin}/` gives; Cognito compares redirect URIs exactly.
    const urls = [formsOrigin, `${formsOrigin}/`];
    const client = this.userPool.addClient('FormsClient', {
      // A browser app cannot keep a secret.
      generateSecret: false,
      // SRP stays for the API-based sign-in the local tools use; refresh tokens renew sessions.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: urls,
        logoutUrls: urls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: FORMS_ID_TOKEN_VALIDITY,
      accessTokenValidity: FORMS_ID_TOKEN_VALIDITY,
      refreshTokenValidity: FORMS_REFRESH_TOKEN_VALIDITY,
      // The ID token carries only readable attributes: custom:office must be readable.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(OFFICE_ATTRIBUTE),
      // Users may change their display name only. In particular NOT custom:office: a user who
      // could write it could move themselves into another office's data.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    if (this.signInPages === 'managed-login') {
      // Managed login shows a client's pages only once the client has a branding style;
      // Cognito's own look, in the language the forms ask for (lang=id).
      new CfnManagedLoginBranding(this, 'Branding', {
        userPoolId: this.userPool.userPoolId,
        clientId: client.userPoolClientId,
        useCognitoProvidedValues: true,
      });
    }
    this.formsClient = client;
    return client;
  }
}
