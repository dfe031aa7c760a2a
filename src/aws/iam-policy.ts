/** An IAM policy document, as AWS reads it. Rendered with `Fn.jsonencode` (see render). */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  /** Exactly one of Resource and NotResource (trust policies have neither). */
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * The allow-all endpoint policy AWS attaches when none is given, written out so the intent is
 * visible in review (MWAA-P9: real permissions live on the caller's IAM role).
 */
export function allowAllEndpointPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "AllowAll", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
  };
}

export function s3BucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}

/**
 * ECR stores image layers in an AWS-owned S3 bucket per Region. Image pulls from a VPC with no
 * internet fetch the layers through the S3 gateway endpoint, so its policy must allow this bucket:
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 */
export function ecrLayerBucketName(region: string): string {
  return `prod-${region}-starport-layer-bucket`;
}
