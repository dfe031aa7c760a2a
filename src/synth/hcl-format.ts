/**
 * Lays out HCL the way `terraform fmt` does, for the HCL that cdktf renders (which has no
 * indentation and no alignment). Synth must not depend on a Terraform binary, and the output
 * must be byte-identical on every machine, so the layout is done here; a test runs
 * `terraform fmt -check` over everything generated to keep the two in step.
 *
 * What it does: two-space indentation per open bracket; spaces inside one-line `{ … }`; `=` aligned across consecutive
 * single-line attributes of one block (a block, a blank line or a multi-line attribute ends the
 * run, as in terraform fmt); no blank lines inside blocks; one blank line between top-level
 * blocks. Strings, `${…}` interpolations and heredocs are left as they are.
 */
export function formatHcl(source: string): string {
  const lines = splitLogicalLines(source);
  const out: { text: string; depth: number; attr?: { key: string; rest: string } }[] = [];
  let depth = 0;
  for (const line of lines) {
    if (line.verbatim) {
      out.push({ text: line.text, depth: -1 });
      continue;
    }
    const text = spaceBraces(line.text.trim());
    if (text === "") continue;
    const { delta, leadingClose } = bracketBalance(text);
    const indent = depth - leadingClose;
    if (indent < 0) throw new Error(`formatHcl: unbalanced brackets at "${text}"`);
    const attr = delta === 0 && !line.opensHeredoc ? splitAttribute(text) : undefined;
    if (depth === 0 && out.length > 0) out.push({ text: "", depth: 0 });
    out.push({ text, depth: indent, attr });
    depth += delta;
  }
  if (depth !== 0) throw new Error("formatHcl: unbalanced brackets at end of input");

  // Align runs of single-line attributes at the same depth.
  for (let i = 0; i < out.length;) {
    if (!out[i].attr) {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && out[j].attr && out[j].depth === out[i].depth) j++;
    const width = Math.max(...out.slice(i, j).map((l) => l.attr!.key.length));
    for (let k = i; k < j; k++) out[k].text = `${out[k].attr!.key.padEnd(width)} = ${out[k].attr!.rest}`;
    i = j;
  }
  return out.map((l) => (l.depth < 0 || l.text === "" ? l.text : "  ".repeat(l.depth) + l.text)).join("\n") + "\n";
}

interface LogicalLine {
  readonly text: string;
  /** Heredoc body or terminator: copied as it is. */
  readonly verbatim?: boolean;
  readonly opensHeredoc?: boolean;
}

function splitLogicalLines(source: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const raw = source.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const heredoc = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(raw[i]);
    result.push({ text: raw[i], opensHeredoc: Boolean(heredoc) });
    if (heredoc) {
      const marker = heredoc[1];
      for (i++; i < raw.length && raw[i].trim() !== marker; i++) result.push({ text: raw[i], verbatim: true });
      if (i < raw.length) result.push({ text: raw[i].trim(), verbatim: true });
    }
  }
  return result;
}

/**
 * Net bracket change of a line, ignoring brackets inside strings and interpolations, and how many
 * closing brackets it starts with (those dedent the line itself).
 */
function bracketBalance(text: string): { delta: number; leadingClose: number } {
  let delta = 0;
  let leadingClose = 0;
  let seenOther = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      seenOther = true;
      continue;
    }
    if (c === "#" || (c === "/" && text[i + 1] === "/")) break;
    if (c === "{" || c === "[" || c === "(") delta++;
    else if (c === "}" || c === "]" || c === ")") {
      delta--;
      if (!seenOther) leadingClose++;
    }
    if (c !== " " && c !== "}" && c !== "]" && c !== ")") seenOther = true;
    i++;
  }
  return { delta, leadingClose };
}

/** Index just past the string literal that starts at `start` (a `"`), skipping `${…}` and `%{…}`. */
export function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === '"') return i + 1;
    if ((c === "$" || c === "%") && text[i + 1] === "{") {
      i = skipTemplate(text, i + 2);
      continue;
    }
    i++;
  }
  throw new Error(`formatHcl: unterminated string in "${text}"`);
}

/** Index just past the `}` that closes a template sequence whose body starts at `start`. */
export function skipTemplate(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
    i++;
  }
  throw new Error(`formatHcl: unterminated interpolation in "${text}"`);
}

/** `{a = 1}` becomes `{ a = 1 }` on one line, as terraform fmt writes object constructors. */
function spaceBraces(text: string): string {
  let out = "";
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === "#" || (c === "/" && text[i + 1] === "/")) return out + text.slice(i);
    if (c === "}" && out.length > 0 && !/[\s{]$/.test(out)) out += " ";
    out += c;
    if (c === "{" && i + 1 < text.length && !/[\s}]/.test(text[i + 1])) out += " ";
    i++;
  }
  return out;
}

/** `key = value` with an identifier or quoted key, or undefined. */
function splitAttribute(text: string): { key: string; rest: string } | undefined {
  let keyEnd: number;
  if (text.startsWith('"')) keyEnd = skipString(text, 0);
  else {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text);
    if (!m) return undefined;
    keyEnd = m[0].length;
  }
  const m = /^\s*=(?!=)\s*/.exec(text.slice(keyEnd));
  if (!m) return undefined;
  return { key: text.slice(0, keyEnd), rest: text.slice(keyEnd + m[0].length) };
}
