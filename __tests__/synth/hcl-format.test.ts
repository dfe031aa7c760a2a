import { formatHcl } from "../../src/synth/hcl-format";
import { hclTemplate, hclValue, unquoteDependsOn, unquoteProviders, unwrapInterpolations } from "../../src/synth/hcl-render";

describe("formatHcl", () => {
  test("indents by bracket depth and aligns = across a run of single-line attributes, as terraform fmt does", () => {
    const input = [
      'resource "x" "y" {',
      "a = 1",
      "bbbbbbb = [",
      '"z"',
      "]",
      "cc = 2",
      "ddd = {",
      'Name = "x"',
      'LongerKey = "y"',
      "}",
      "e = null",
      "inner {",
      "k = 1",
      "kkkk = 2",
      "}",
      "f = 3",
      "}",
    ].join("\n");
    expect(formatHcl(input)).toBe(
      [
        'resource "x" "y" {',
        "  a = 1",
        "  bbbbbbb = [",
        '    "z"',
        "  ]",
        "  cc = 2",
        "  ddd = {",
        '    Name      = "x"',
        '    LongerKey = "y"',
        "  }",
        "  e = null",
        "  inner {",
        "    k    = 1",
        "    kkkk = 2",
        "  }",
        "  f = 3",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("brackets and = inside strings and interpolations do not count", () => {
    const input = 'locals {\na = "{[("\nbb = "${jsonencode({"k" = "v}"})}"\n}\n';
    expect(formatHcl(input)).toBe('locals {\n  a  = "{[("\n  bb = "${jsonencode({"k" = "v}"})}"\n}\n');
  });

  test("one blank line between top-level blocks, none inside", () => {
    expect(formatHcl("a {\n\n\nx = 1\n\n}\nb {\n}\n")).toBe("a {\n  x = 1\n}\n\nb {\n}\n");
  });

  test("spaces inside one-line object braces", () => {
    expect(formatHcl('x {\np = jsonencode({"a" = [{"b" = 1}]})\n}')).toBe('x {\n  p = jsonencode({ "a" = [{ "b" = 1 }] })\n}\n');
  });

  test("heredoc bodies are kept as they are", () => {
    expect(formatHcl("x {\nv = <<EOT\n  keep  = me\nEOT\ny = 1\n}")).toBe("x {\n  v = <<EOT\n  keep  = me\nEOT\n  y = 1\n}\n");
  });

  test("unbalanced input is an error, not silently mangled output", () => {
    expect(() => formatHcl("a {\n")).toThrow("formatHcl: unbalanced brackets at end of input");
    expect(() => formatHcl("}\n")).toThrow('formatHcl: unbalanced brackets at "}"');
  });
});

describe("unwrapInterpolations", () => {
  test("an interpolation-only string becomes its expression; other strings stay", () => {
    expect(unwrapInterpolations('a = "${aws_vpc.x.id}"\nb = "arn:${aws_vpc.x.id}"\nc = "plain"')).toBe(
      'a = aws_vpc.x.id\nb = "arn:${aws_vpc.x.id}"\nc = "plain"',
    );
  });
  test("nested interpolation-only strings are unwrapped too; comments are left alone", () => {
    expect(unwrapInterpolations('p = "${jsonencode({"a" = "${aws_s3_bucket.b.arn}"})}" # "${x}"')).toBe(
      'p = jsonencode({"a" = aws_s3_bucket.b.arn}) # "${x}"',
    );
  });
});

describe("hclValue", () => {
  test("escapes strings so they are never interpreted", () => {
    expect(hclValue('a"b\\c ${x} %{y}')).toBe('"a\\"b\\\\c $${x} %%{y}"');
    expect(hclValue({ source: "hashicorp/aws", "odd key": [1, true, null] })).toBe(
      '{\nsource = "hashicorp/aws"\n"odd key" = [1, true, null]\n}',
    );
  });
});

describe("unquoteProviders", () => {
  test("the provider meta-argument becomes a bare reference (Terraform warns of quoted references); a string argument that only looks alike stays", () => {
    expect(
      unquoteProviders('resource "x" "y" {\n  provider          = "aws.vpc_owner"\n  name = "aws.vpc_owner"\n  provider_name = "aws.b"\n}'),
    ).toBe('resource "x" "y" {\n  provider          = aws.vpc_owner\n  name = "aws.vpc_owner"\n  provider_name = "aws.b"\n}');
  });
});

describe("unquoteDependsOn", () => {
  test("depends_on entries become bare references; other lists keep their strings", () => {
    expect(unquoteDependsOn('depends_on = [\n"aws_eip.a",\n"aws_iam_role_policy.b"\n]\nx = ["aws_eip.a"]')).toBe(
      'depends_on = [\naws_eip.a,\naws_iam_role_policy.b\n]\nx = ["aws_eip.a"]',
    );
  });
});

describe("hclTemplate", () => {
  test("escapes quotes and backslashes around interpolations, keeps what is inside them as written", () => {
    expect(hclTemplate('say "hi" to ${join(", ", ["a", "b"])}\\n')).toBe('"say \\"hi\\" to ${join(", ", ["a", "b"])}\\\\n"');
    expect(hclTemplate("100%{x}")).toBe('"100%%{x}"');
    expect(() => hclTemplate("${oops")).toThrow("hclTemplate: unterminated interpolation in ${oops");
  });
});
