/**
 * The Go text/template lexer (text/template/parse/lex.go), state for state, so that trim
 * markers, comments and the error messages come out as Go's do. Positions are UTF-16
 * offsets into the text; `byteOffset` turns them into Go's byte offsets where a message
 * shows one.
 */
import { goQuote, isPrint } from './quote.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

export function isKeyword(t: ItemType): boolean {
  return Object.values(KEYWORDS).includes(t);
}

/** Go's `item.String()`, used in "unexpected X in Y" parse errors. */
export function itemString(i: Item): string {
  if (i.type === 'EOF') return 'EOF';
  if (i.type === 'error') return i.val;
  if (isKeyword(i.type)) return `<${i.val}>`;
  const runes = [...i.val];
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2; // the marker plus the space before or after it
const EOF = -1;

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const isAlphaNumeric = (r: number): boolean =>
  r < 0x80
    ? r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a)
    : r >= 0 && LETTER_OR_DIGIT.test(String.fromCodePoint(r));
const hasLeftTrimMarker = (s: string): boolean => s.length >= 2 && s[0] === '-' && isSpace(s.charCodeAt(1));
const hasRightTrimMarker = (s: string): boolean => s.length >= 2 && isSpace(s.charCodeAt(0)) && s[1] === '-';
/** Length of the run of spaces ending at `end` (exclusive) and starting no earlier than `start`. */
function spacesBefore(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return end - i;
}
function spacesAfter(text: string, start: number): number {
  let i = start;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i - start;
}

/** Go's `%#U` of a rune: `U+0023 '#'`. */
function hashU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

type State = ((l: Lexer) => State) | null;

export class Lexer {
  /** Current position and start of the item being scanned (UTF-16 offsets). */
  position = 0;
  startPos = 0;
  depth = 0;
  private items: Item[] = [];
  private state: State = lexText;
  private lastWidth = 0;
  constructor(readonly input: string) {}

  /** The next item; after an error or EOF, EOF forever. */
  nextItem(): Item {
    while (this.items.length === 0) {
      if (!this.state) return { type: 'EOF', pos: this.position, val: '', line: this.lineAt(this.position) };
      this.state = this.state(this);
    }
    return this.items.shift()!;
  }

  /** Offsets of the newlines, for line numbers without rescanning (found once, on first use). */
  private newlines: number[] | undefined;
  lineAt(pos: number): number {
    if (this.newlines === undefined) {
      this.newlines = [];
      for (let i = this.input.indexOf('\n'); i >= 0; i = this.input.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
  next(): number {
    if (this.position >= this.input.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.position)!;
    this.lastWidth = r > 0xffff ? 2 : 1;
    this.position += this.lastWidth;
    return r;
  }
  backup(): void {
    this.position -= this.lastWidth;
  }
  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }
  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }
  thisItem(type: ItemType): Item {
    const item = {
      type,
      pos: this.startPos,
      val: this.input.slice(this.startPos, this.position),
      line: this.lineAt(this.startPos),
    };
    this.startPos = this.position;
    return item;
  }
  emit(type: ItemType): void {
    this.items.push(this.thisItem(type));
  }
  emitItem(i: Item): void {
    this.items.push(i);
  }
  ignore(): void {
    this.startPos = this.position;
  }
  /** An error item ends the scan. */
  errorf(msg: string): State {
    this.items.push({ type: 'error', pos: this.startPos, val: msg, line: this.lineAt(this.startPos) });
    return null;
  }
  atRightDelim(): [delim: boolean, trim: boolean] {
    const rest = this.rest();
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT, TRIM_MARKER_LEN)) return [true, true];
    if (rest.startsWith(RIGHT)) return [true, false];
    return [false, false];
  }
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === EOF || '.,|:)('.includes(String.fromCodePoint(r))) return true;
    return this.input.startsWith(RIGHT, this.position);
  }
  /** The next few characters: enough for any delimiter or trim-marker test. */
  rest(): string {
    return this.input.slice(this.position, this.position + 4);
  }
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.position);
  if (x >= 0) {
    if (x > l.position) {
      l.position = x;
      let trimLength = 0;
      const delimEnd = x + LEFT.length;
      if (hasLeftTrimMarker(l.input.slice(delimEnd, delimEnd + 2))) trimLength = spacesBefore(l.input, l.startPos, x);
      l.position = x - trimLength;
      const i = l.thisItem('text');
      l.position = x;
      l.ignore();
      if (i.val.length > 0) {
        l.emitItem(i);
        return lexLeftDelim;
      }
    }
    return lexLeftDelim;
  }
  l.position = l.input.length;
  if (l.position > l.startPos) {
    l.emitItem(l.thisItem('text'));
    return lexEOF;
  }
  return lexEOF;
}

function lexEOF(l: Lexer): State {
  l.emitItem(l.thisItem('EOF'));
  return null;
}

function lexLeftDelim(l: Lexer): State {
  l.position = l.position + LEFT.length;
  const trimSpace = hasLeftTrimMarker(l.rest());
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.position + afterMarker)) {
    l.position = l.position + afterMarker;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem('leftDelim');
  l.position = l.position + afterMarker;
  l.ignore();
  l.depth = 0;
  l.emitItem(i);
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.position = l.position + LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.position);
  if (x < 0) return l.errorf('unclosed comment');
  l.position = x + RIGHT_COMMENT.length;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpace) l.position = l.position + TRIM_MARKER_LEN;
  l.position = l.position + RIGHT.length;
  if (trimSpace) l.position = l.position + spacesAfter(l.input, l.position);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.position = l.position + TRIM_MARKER_LEN;
    l.ignore();
  }
  l.position = l.position + RIGHT.length;
  const i = l.thisItem('rightDelim');
  if (trimSpace) {
    l.position = l.position + spacesAfter(l.input, l.position);
    l.ignore();
  }
  l.emitItem(i);
  return lexText;
}

function lexInsideAction(l: Lexer): State {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.depth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  const c = r === EOF ? '' : String.fromCodePoint(r);
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(); // put the space back in case we have " -}}"
    return lexSpace;
  }
  switch (c) {
    case '=':
      l.emit('assign');
      return lexInsideAction;
    case ':':
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case '|':
      l.emit('pipe');
      return lexInsideAction;
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.emit('leftParen');
      l.depth++;
      return lexInsideAction;
    case ')':
      l.emit('rightParen');
      l.depth--;
      if (l.depth < 0) return l.errorf('unexpected right paren');
      return lexInsideAction;
  }
  if (c === '.') {
    // special look-ahead for ".field" so we don't break backup()
    if (l.position < l.input.length) {
      const n = l.input.charCodeAt(l.position);
      if (n < 0x30 || n > 0x39) return lexField;
    }
  }
  if (c === '.' || c === '+' || c === '-' || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && r >= 0x20 && r !== 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${hashU(r)}`);
}

function lexSpace(l: Lexer): State {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // A trim-marked closing delimiter has a minus after a space; we know there is a space.
  const p = l.position;
  if (hasRightTrimMarker(l.input.slice(p - 1, p + 1)) && l.input.startsWith(RIGHT, p - 1 + TRIM_MARKER_LEN)) {
    l.position = p - 1; // before the space
    if (numSpaces === 1) return lexRightDelim; // on the delimiter: go right to it
  }
  l.emit('space');
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.startPos, l.position);
    if (!l.atTerminator()) return l.errorf(`bad character ${hashU(r)}`);
    const kw = KEYWORDS[word];
    if (kw && kw !== 'dot') {
      l.emit(kw);
    } else if (word[0] === '.') l.emit('field');
    else if (word === 'true' || word === 'false') l.emit('bool');
    else l.emit('identifier');
    return lexInsideAction;
  }
}

function lexField(l: Lexer): State {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) {
    l.emit('variable'); // "$" alone
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) {
    l.emit(type === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${hashU(r)}`);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): State {
  return lexEscaped(l, 0x27, 'character constant', 'charConstant');
}

/** A `'…'` or `"…"` literal: backslash escapes, no newline, up to the closing delimiter. */
function lexEscaped(l: Lexer, close: number, what: string, item: 'charConstant' | 'string'): State {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf(`unterminated ${what}`);
    }
    if (r === EOF || r === 0x0a) return l.errorf(`unterminated ${what}`);
    if (r === close) break;
  }
  l.emit(item);
  return lexInsideAction;
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.startPos, l.position))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    // complex: 1+2i, no spaces, must end in 'i'
    if (!scanNumber(l) || l.input[l.position - 1] !== 'i')
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.startPos, l.position))}`);
    l.emit('complex');
    return lexInsideAction;
  }
  l.emit('number');
  return lexInsideAction;
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  return lexEscaped(l, 0x22, 'quoted string', 'string');
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  l.emit('rawString');
  return lexInsideAction;
}
