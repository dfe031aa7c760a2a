/** The Region field of an ARN of the aws partition (`arn:aws:<service>:<region>:…`), or undefined (a global ARN, or not an ARN). */
export function regionOfArn(arn: string | undefined): string | undefined {
  return /^arn:aws:[a-z0-9-]+:([a-z0-9-]+):/.exec(arn ?? "")?.[1];
}
