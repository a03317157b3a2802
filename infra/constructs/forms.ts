import { type CfnElement, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS } from '../../shared/web-headers';
import { STATEFUL_REMOVAL } from './data';

/**
 * What the forms read at start (`/config.json`), written at deploy time so that no address
 * is copied by hand. The web forms are built against exactly these fields.
 */
export interface FormsConfig {
  /** Base URL of the API, no trailing slash. */
  apiUrl: string;
  /** OpenID issuer: https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  issuer: string;
  /** The forms' app client (no secret; authorization code + PKCE). */
  clientId: string;
  /** Cognito's sign-out endpoint: https://<domain>/logout. */
  logoutUrl: string;
  timeZone: string;
  /** Office codes of the province. */
  offices: string[];
  province: string;
  provinceName: string;
}

export interface FormsHostingProps {
  /** The built forms (web/dist, or a test fixture). */
  assetDir: string;
  /** Server access logs of the forms bucket go here. */
  accessLogBucket: IBucket;
  /** Origins the forms fetch from (API, sign-in); may be deploy-time tokens. */
  connectSrc: string[];
  /** Custom domain: `formsOrigin` and its us-east-1 certificate. Default: the CloudFront domain. */
  customDomain: { origin: string; certificateArn: string } | undefined;
  logRetention: RetentionDays;
}

/**
 * The officers' forms: a private S3 bucket behind CloudFront with origin access control
 * (only this distribution can read the bucket), HTTPS only, the security headers of
 * shared/web-headers.ts, and single-page-app fallback (unknown paths answer index.html).
 * `publish()` uploads the build plus a generated config.json on every deploy and
 * invalidates the cache.
 */
export class FormsHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** `https://<host>`: the custom origin, or the CloudFront domain. */
  readonly origin: string;
  /** What `publish` writes to config.json (deploy-time values are tokens here). */
  config: FormsConfig | undefined;
  private readonly props: FormsHostingProps;

  constructor(scope: Construct, id: string, props: FormsHostingProps) {
    super(scope, id);
    this.props = props;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'forms-bucket/',
      removalPolicy: STATEFUL_REMOVAL,
    });

    this.headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: `${Stack.of(this).stackName} forms: CSP, HSTS, no framing, nosniff, no referrer`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({ connectSrc: props.connectSrc }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const custom = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName} forms`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      // A path the app routes itself (e.g. /periods/01J...) has no object: the bucket answers
      // 403 (CloudFront may not list it) and the app's index.html takes over.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia (Jakarta among them) are in this class; the cheapest class
      // (North America and Europe only) would serve Indonesian officers from far away.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(custom
        ? {
            domainNames: [new URL(custom.origin).host],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', custom.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.origin = custom?.origin ?? `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the forms are static files without data (data is behind the API and sign-in), and officers abroad (training, leave) must still reach them; blocking by country would not protect anything the authorizer does not.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF web ACL: CloudFront web ACLs live in us-east-1 (not in this stack) and cost per month; the distribution serves only static files, while the API has its own per-route throttling and a JWT authorizer in front of every data route.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "No CloudFront access logs: standard logging needs a bucket with ACLs, which every bucket here keeps disabled; the requests that matter (data) are logged by the API stage's access log, and the forms bucket logs its reads from CloudFront.",
    });
    if (!custom) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'With the default *.cloudfront.net certificate CloudFront does not allow choosing the viewer TLS minimum; browsers that still talk TLS 1.0/1.1 are rare and the forms carry no data themselves. A province with formsOrigin gets TLSv1.2_2021 on its own certificate.',
      });
    }
  }

  /**
   * Uploads the build and config.json (with the deploy-time addresses), removes files no
   * longer in the build, and invalidates CloudFront so that officers get the new version at
   * once. Files are served with `no-cache`: small, revalidated on each load.
   */
  publish(config: FormsConfig): BucketDeployment {
    this.config = config;
    // The deployment handler (a CDK-managed function) gets its own role and log group
    // instead of the AWS managed basic-execution policy.
    const role = new Role(this, 'PublishRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Publishes the forms build and config.json to the forms bucket',
    });
    const logGroup = new LogGroup(this, 'PublishLogs', { retention: this.props.logRetention });
    logGroup.grantWrite(role);
    const deployment = new BucketDeployment(this, 'Publish', {
      sources: [Source.asset(this.props.assetDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 256,
      role,
      logGroup,
    });
    this.acknowledgePublishFindings(role);
    return deployment;
  }

  /**
   * The publishing handler is aws-cdk-lib's own (BucketDeployment); its grants come from CDK's
   * grantRead/grantReadWrite and are what `aws s3 sync` needs. Kept here, next to it.
   */
  private acknowledgePublishFindings(role: Role): void {
    const stack = Stack.of(this);
    // cdk-nag names intrinsic values <AWS::AccountId>: an account-agnostic synth has no number.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const assets = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${stack.region}/*`;
    const bucket = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`;
    const reasons: Record<string, string> = {
      'Action::s3:GetBucket*':
        'Read-only S3 actions CDK grants the deployment handler (grantRead) to copy the forms build from the CDK asset bucket: the wildcard covers GetBucketLocation/GetBucketAcl-style reads, no writes.',
      'Action::s3:GetObject*':
        'The deployment handler reads the build archive from the CDK asset bucket and syncs the forms bucket (GetObject, GetObjectVersion ...): reads of those two buckets only.',
      'Action::s3:List*':
        'aws s3 sync lists the forms bucket to delete files that left the build (prune); listing is limited to the asset bucket and the forms bucket.',
      'Action::s3:Abort*':
        'Large uploads are multipart; AbortMultipartUpload on the forms bucket only, so an interrupted deploy leaves no parts behind.',
      'Action::s3:DeleteObject*':
        'Files removed from the forms build are deleted from the forms bucket (prune); nothing else can be deleted: the grant is on the forms bucket objects only.',
      [`Resource::${assets}`]:
        'The CDK bootstrap asset bucket of this account and region, where `cdk deploy` uploads the forms build; the handler only reads it.',
      [`Resource::${bucket}`]:
        'Objects of the forms bucket: the handler replaces the whole build on each deploy, whose file names change with each build.',
      'Resource::*':
        'cloudfront:CreateInvalidation/GetInvalidation only (CDK grants them on *): they empty the cache after a deploy and cannot read or change any distribution setting.',
    };
    for (const [finding, reason] of Object.entries(reasons)) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "aws-cdk-lib's own BucketDeployment handler (Python, runs only during deploys): its runtime is chosen and updated by aws-cdk-lib, not by this project.",
      });
    }
  }
}
