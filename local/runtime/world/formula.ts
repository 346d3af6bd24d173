/**
 * Computes a formula's value with a small stand-in for Sheets' formula engine. Arithmetic on
 * numbers is computed and HYPERLINK(url, label) shows its label. Any name or range reference
 * gives `#NAME?`, because nothing is resolved here. A syntax error gives `#ERROR!`, which is how
 * Sheets shows a "Formula parse error".
 */
export function evaluateFormula(expression: string): string | number {
  const hyperlink = /^\s*HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)\s*$/i.exec(expression);

  if (hyperlink !== null) return hyperlink[2] ?? hyperlink[1]!;

  const parser = new ArithmeticParser(expression);

  return parser.evaluate();
}

type Token = { kind: 'number'; value: number } | { kind: 'name'; value: string } | { kind: 'symbol'; value: string };

class ArithmeticParser {
  private readonly tokens: Token[] | null;
  private position = 0;
  private sawName = false;

  constructor(expression: string) {
    this.tokens = tokenize(expression);
  }

  evaluate(): string | number {
    if (this.tokens === null || this.tokens.length === 0) return '#ERROR!';

    const value = this.sum();

    if (value === null || this.position !== this.tokens.length) return '#ERROR!';

    if (this.sawName) return '#NAME?';

    return Number.isFinite(value) ? value : '#DIV/0!';
  }

  private sum(): number | null {
    let left = this.product();

    while (left !== null && this.peekSymbol('+', '-')) {
      const operator = this.next();
      const right = this.product();

      if (right === null) return null;

      left = operator.value === '+' ? left + right : left - right;
    }

    return left;
  }

  private product(): number | null {
    let left = this.unary();

    while (left !== null && this.peekSymbol('*', '/')) {
      const operator = this.next();
      const right = this.unary();

      if (right === null) return null;

      left = operator.value === '*' ? left * right : left / right;
    }

    return left;
  }

  private unary(): number | null {
    if (this.peekSymbol('+', '-')) {
      const sign = this.next().value === '-' ? -1 : 1;
      const operand = this.unary();

      return operand === null ? null : sign * operand;
    }

    return this.primary();
  }

  private primary(): number | null {
    const token = this.tokens?.[this.position];

    if (token === undefined) return null;

    this.position += 1;

    if (token.kind === 'number') return token.value;

    if (token.kind === 'name') {
      this.sawName = true;

      return 0;
    }

    if (token.value !== '(') return null;

    const inner = this.sum();

    if (inner === null || !this.peekSymbol(')')) return null;

    this.position += 1;

    return inner;
  }

  private peekSymbol(...symbols: string[]): boolean {
    const token = this.tokens?.[this.position];

    return token?.kind === 'symbol' && symbols.includes(token.value);
  }

  private next(): Token {
    const token = this.tokens![this.position]!;

    this.position += 1;

    return token;
  }
}

function tokenize(expression: string): Token[] | null {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_.]*)|([-+*/()]))\s*/y;
  let position = 0;

  while (position < expression.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(expression);

    if (match === null) return null;

    position = pattern.lastIndex;

    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2] });
    else tokens.push({ kind: 'symbol', value: match[3]! });
  }

  return tokens;
}
