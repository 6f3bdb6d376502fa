/**
 * @module
 * RFC 6570 URI templates for resource templates: expansion by `url-template`, and matching of a
 * concrete URI back to the template's variables with a regular expression derived from the
 * template's expressions.
 */
import { parseTemplate, type PrimitiveValue } from 'url-template';

type Operator = '' | '+' | '#' | '.' | '/' | ';' | '?' | '&';
type Strip<E extends string> = E extends `${'+' | '#' | '.' | '/' | ';' | '?' | '&'}${infer R}` ? R : E;
type NameOf<V extends string> = V extends `${infer N}*` ? N : V extends `${infer N}:${string}` ? N : V;
type Specs<E extends string> = E extends `${infer A},${infer B}` ? A | Specs<B> : E;
type Expressions<T extends string> = T extends `${string}{${infer E}}${infer Rest}` ? E | Expressions<Rest> : never;
/** Expressions whose variable always matches: a lone variable of simple or reserved expansion. */
type Required<E extends string> = E extends `${'#' | '.' | '/' | ';' | '?' | '&'}${string}`
  ? never
  : E extends `${string},${string}`
    ? never
    : E;
type Exploded<T extends string> = NameOf<Extract<Specs<Strip<Expressions<T>>>, `${string}*`>>;
type RequiredNames<T extends string> = Exclude<NameOf<Specs<Strip<Required<Expressions<T>>>>>, Exploded<T>>;
type OptionalNames<T extends string> = Exclude<NameOf<Specs<Strip<Expressions<T>>>>, Exploded<T> | RequiredNames<T>>;

/** Variables matched from or expanded into a URI: strings, or lists for exploded (`*`) variables. */
export type TemplateVariables = Record<string, string | string[] | undefined>;

/**
 * The variable names of a template literal type and their value types: a lone simple or reserved
 * variable (`{id}`, `{+path}`) is a string; exploded ones (`{/segments*}`) are lists; the rest are
 * optional strings.
 *
 * @example
 * type V = UriVariables<'file:///{+path}{?rev}'>; // { path: string; rev?: string }
 */
export type UriVariables<T extends string> = string extends T
  ? TemplateVariables
  : { [K in RequiredNames<T>]: string } & { [K in OptionalNames<T>]?: string } & { [K in Exploded<T>]?: string[] };

/** The names of a template's variables. */
export type UriVariableName<T extends string> = string extends T ? string : NameOf<Specs<Strip<Expressions<T>>>>;

interface VarSpec {
  name: string;
  explode: boolean;
}
interface Expression {
  op: Operator;
  vars: VarSpec[];
}

const OPERATORS = new Set(['+', '#', '.', '/', ';', '?', '&']);

/**
 * A parsed RFC 6570 template.
 *
 * @example
 * const template = new UriTemplate('test://users/{id}/posts{?page}');
 * template.match('test://users/42/posts?page=2'); // { id: '42', page: '2' }
 * template.expand({ id: '7' });                    // 'test://users/7/posts'
 */
export class UriTemplate<T extends string = string> {
  /** The template as written. */
  readonly template: T;
  /** Its variable names, in order of appearance. */
  readonly variableNames: readonly string[];
  readonly #regex: RegExp;
  readonly #expressions: Expression[];

  constructor(template: T) {
    this.template = template;
    const parts = parse(template);
    this.#expressions = parts.filter((part): part is Expression => typeof part !== 'string');
    this.variableNames = this.#expressions.flatMap((expression) => expression.vars.map((spec) => spec.name));
    this.#regex = new RegExp(
      `^${parts.map((part) => (typeof part === 'string' ? escape(part) : pattern(part))).join('')}$`,
    );
  }

  /** Whether `template` contains any expression (a plain URI otherwise). */
  get isTemplate(): boolean {
    return this.#expressions.length > 0;
  }

  /** Expands the template (RFC 6570, by `url-template`). */
  expand(variables: Partial<Record<string, PrimitiveValue | PrimitiveValue[]>>): string {
    const context: Record<string, PrimitiveValue | PrimitiveValue[]> = {};
    for (const [key, value] of Object.entries(variables)) if (value !== undefined) context[key] = value;
    return parseTemplate(this.template).expand(context);
  }

  /** The variables `uri` was expanded from, or `undefined` if it does not match the template. */
  match(uri: string): UriVariables<T> | undefined {
    const found = this.#regex.exec(uri);
    if (!found) return undefined;
    const variables: TemplateVariables = {};
    this.#expressions.forEach((expression, index) => assign(variables, expression, found[index + 1] ?? ''));
    return variables as UriVariables<T>;
  }

  toString(): string {
    return this.template;
  }
}

function parse(template: string): Array<string | Expression> {
  const parts: Array<string | Expression> = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let found = re.exec(template); found; found = re.exec(template)) {
    if (found.index > last) parts.push(template.slice(last, found.index));
    let body = found[1] ?? '';
    const op = (OPERATORS.has(body.charAt(0)) ? body.charAt(0) : '') as Operator;
    if (op) body = body.slice(1);
    const vars = body
      .split(',')
      .filter(Boolean)
      .map((spec) => ({ name: spec.replace(/\*$/, '').replace(/:\d+$/, ''), explode: spec.endsWith('*') }));
    if (vars.length === 0) throw new Error(`Invalid URI template expression {${found[1]}} in ${template}`);
    parts.push({ op, vars });
    last = found.index + found[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** The capturing group of one expression: its whole expansion. */
function pattern({ op, vars }: Expression): string {
  const lone = vars.length === 1 && !vars[0]?.explode;
  switch (op) {
    case '':
      return lone ? '([^/?#]+)' : '([^/?#]*)';
    case '+':
      return lone ? '([^?#]+)' : '([^?#]*)';
    case '#':
      return '(#[\\s\\S]*)?';
    case '.':
      return '((?:\\.[^/?#.]*)*)';
    case '/':
      return '((?:/[^/?#]*)*)';
    case ';':
      return '((?:;[^/?#;]*)*)';
    case '?':
      return '(\\?[^#]*)?';
    case '&':
      return '((?:&[^#&]*)*)';
  }
}

/** Reads the variables of one expression out of its expansion. */
function assign(variables: TemplateVariables, { op, vars }: Expression, expansion: string): void {
  if (op === ';' || op === '?' || op === '&') {
    const pairs = expansion
      .slice(1)
      .split(op === ';' ? ';' : '&')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
      });
    for (const spec of vars) {
      const values = pairs.filter(([key]) => key === spec.name).map(([, value]) => value ?? '');
      if (values.length > 0) variables[spec.name] = spec.explode ? values : values[0];
    }
    return;
  }
  const body = op === '#' || op === '.' || op === '/' ? expansion.slice(1) : expansion;
  if (expansion === '') {
    if (op === '' || op === '+')
      for (const spec of vars) if (!spec.explode && vars.length === 1) variables[spec.name] = '';
    return;
  }
  const separator = op === '.' ? '.' : op === '/' ? '/' : ',';
  const items = vars.length === 1 && !vars[0]?.explode ? [body] : body.split(separator);
  vars.forEach((spec, index) => {
    if (spec.explode) variables[spec.name] = items.slice(index).map(decode);
    else if (index < items.length) variables[spec.name] = decode(items[index] ?? '');
  });
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
