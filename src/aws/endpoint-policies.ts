import { Problem } from "../problems";
import { allowAllEndpointPolicy, PolicyDocument } from "./iam-policy";

/**
 * Endpoint policy presets (PL-4):
 * - `allow-all`: AWS's default, written out;
 * - `{ account }`: only principals of these accounts (`aws:PrincipalAccount`);
 * - `{ organization }`: only principals of this AWS Organization (`aws:PrincipalOrgID`);
 * - `{ custom }`: a whole policy document (object, or JSON text), checked for the right shape.
 */
export type EndpointPolicyPreset =
  "allow-all" | { readonly account: string | readonly string[] } | { readonly organization: string } | { readonly custom: unknown };

export function endpointPolicyDocument(preset: EndpointPolicyPreset): PolicyDocument {
  if (preset === "allow-all") return allowAllEndpointPolicy();
  if ("account" in preset) {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OwnAccountOnly",
          Effect: "Allow",
          Principal: "*",
          Action: "*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": preset.account } },
        },
      ],
    };
  }
  if ("organization" in preset) {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OwnOrganizationOnly",
          Effect: "Allow",
          Principal: "*",
          Action: "*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": preset.organization } },
        },
      ],
    };
  }
  return (typeof preset.custom === "string" ? JSON.parse(preset.custom) : preset.custom) as PolicyDocument;
}

const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const isStringOrStrings = (v: unknown) =>
  typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string"));

/** Problems with a preset; paths relative to it (`account`, `custom.Statement[0].Effect`, …). */
export function checkEndpointPolicy(preset: EndpointPolicyPreset): Problem[] {
  if (preset === "allow-all") return [];
  if ("account" in preset) {
    const ids = typeof preset.account === "string" ? [preset.account] : preset.account;
    return ids.length > 0 && ids.every((a) => /^\d{12}$/.test(a))
      ? []
      : [{ path: "account", value: preset.account, rule: "must be a 12-digit AWS account ID or a list of them" }];
  }
  if ("organization" in preset) {
    return /^o-[a-z0-9]{10,32}$/.test(preset.organization)
      ? []
      : [
          {
            path: "organization",
            value: preset.organization,
            rule: "must be an AWS Organizations ID (o- and 10 to 32 lowercase letters or digits)",
          },
        ];
  }
  let doc: unknown = preset.custom;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      return [{ path: "custom", value: preset.custom, rule: `must be valid JSON (${(e as Error).message})` }];
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    return [{ path: "custom", value: doc, rule: "must be a policy document: an object with Version and Statement" }];
  const d = doc as Record<string, unknown>;
  const problems: Problem[] = [];
  if (d.Version !== "2012-10-17") problems.push({ path: "custom.Version", value: d.Version, rule: 'must be "2012-10-17"' });
  for (const k of Object.keys(d))
    if (!["Version", "Id", "Statement"].includes(k))
      problems.push({ path: `custom.${k}`, value: d[k], rule: "is not a policy document key (Version, Id, Statement)" });
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement === undefined ? [] : [d.Statement];
  if (statements.length === 0) problems.push({ path: "custom.Statement", value: d.Statement, rule: "must hold at least one statement" });
  statements.forEach((s: unknown, i) => {
    const at = `custom.Statement[${i}]`;
    if (s === null || typeof s !== "object" || Array.isArray(s)) {
      problems.push({ path: at, value: s, rule: "must be a statement object" });
      return;
    }
    const st = s as Record<string, unknown>;
    for (const k of Object.keys(st))
      if (!STATEMENT_KEYS.has(k))
        problems.push({ path: `${at}.${k}`, value: st[k], rule: `is not a statement key (${[...STATEMENT_KEYS].join(", ")})` });
    if (st.Effect !== "Allow" && st.Effect !== "Deny")
      problems.push({ path: `${at}.Effect`, value: st.Effect, rule: 'must be "Allow" or "Deny"' });
    if ((st.Principal === undefined) === (st.NotPrincipal === undefined))
      problems.push({
        path: `${at}.Principal`,
        value: st.Principal,
        rule: 'must be given (endpoint policies name a principal, "*" for any), or NotPrincipal instead',
      });
    if ((st.Action === undefined) === (st.NotAction === undefined) || !isStringOrStrings(st.Action ?? st.NotAction)) {
      problems.push({
        path: `${at}.Action`,
        value: st.Action ?? st.NotAction,
        rule: "must be exactly one of Action and NotAction, a string or a list of strings",
      });
    }
    if ((st.Resource === undefined) === (st.NotResource === undefined) || !isStringOrStrings(st.Resource ?? st.NotResource)) {
      problems.push({
        path: `${at}.Resource`,
        value: st.Resource ?? st.NotResource,
        rule: "must be exactly one of Resource and NotResource, a string or a list of strings",
      });
    }
    if (st.Condition !== undefined && (st.Condition === null || typeof st.Condition !== "object" || Array.isArray(st.Condition))) {
      problems.push({ path: `${at}.Condition`, value: st.Condition, rule: "must be an object of condition operators" });
    }
  });
  return problems;
}
