import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/actor';
import { STATEFUL_REMOVAL } from './data';

/** The custom attribute that carries the user's office code; tokens show it as `custom:office`. */
export const OFFICE_ATTRIBUTE = 'office';

/**
 * The province's users. Accounts are created by the province admin only (no self sign-up);
 * the five roles are Cognito groups, so they arrive in the ID token's `cognito:groups`, and the
 * office is the custom attribute `custom:office` (shared/domain/actor.ts reads both).
 */
export interface ProvinceUsersProps {
  provinceName: string;
  /** `plus` (threat protection) unless the region lacks it (settings `cognitoFeaturePlan`). */
  featurePlan: 'plus' | 'essentials';
  /** Verified SES address for invitations and codes; default Cognito's own sender (50 a day). */
  sesFromAddress: string | undefined;
  sesRegion: string | undefined;
  /** Off only during a province's first deploy (see ProvinceStack), so that its rollback is clean. */
  deletionProtection: boolean;
}

export class ProvinceUsers extends Construct {
  readonly userPool: UserPool;
  readonly formsClient: UserPoolClient;

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

    this.formsClient = this.userPool.addClient('FormsClient', {
      // A browser app cannot keep a secret.
      generateSecret: false,
      // SRP only: the password never leaves the browser; refresh tokens renew sessions.
      authFlows: { userSrp: true },
      // No hosted UI / OAuth redirect flows (CDK would otherwise enable them with a
      // placeholder callback URL).
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      // The ID token carries only readable attributes: custom:office must be readable.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(OFFICE_ATTRIBUTE),
      // Users may change their display name only. In particular NOT custom:office: a user who
      // could write it could move themselves into another office's data.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
