/**
 * The Go text/template executor (text/template/exec.go) over the parse tree: Go's truth,
 * variable scoping, pipelines, argument checking and error texts
 * (`template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`).
 */
import {
  nodeString,
  TemplateError,
  type BranchNode,
  type CommandNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TreeSet,
  type VariableNode,
} from './parse.js';
import { goQuote } from './quote.js';
import { BUILTINS, FuncError } from './builtins.js';
import { limitText, OutputTooLarge, TEMPLATE_LIMITS, TemplateLimitError, type TemplateLimit } from './limits.js';
import {
  GoFloat,
  GoFunc,
  GoStruct,
  formatValue,
  isTrue,
  sortedKeys,
  typeName,
  type GoValue,
  type ParamType,
} from './values.js';

/** The "no final argument" marker of a pipeline's first command (Go's missingVal). */
const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

export interface ExecInput {
  parseName: string;
  text: string;
  set: TreeSet;
  funcs: ReadonlyMap<string, GoFunc>;
}

export function execute(input: ExecInput, name: string, data: GoValue): string {
  const root = input.set.get(name);
  const s = new State(input, name, data);
  if (!root) s.errorf(`${goQuote(name)} is an incomplete or empty template`);
  s.walk(data, root!);
  return s.out.join('');
}

class State {
  out: string[] = [];
  private vars: Array<[string, GoValue]>;
  private node: Node | undefined;
  private depth = 0;
  /** Budget counters (TEMPLATE_LIMITS). */
  private steps = 0;
  private outBytes = 0;
  private rangeIterations = 0;
  private nesting = 0;
  constructor(
    private readonly input: ExecInput,
    private tmplName: string,
    data: GoValue,
  ) {
    this.vars = [['$', data]];
  }

  // ---- errors ----
  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new TemplateError(`template: ${name}: ${msg}`);
    const [location, context] = this.errorContext(this.node);
    throw new TemplateError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`);
  }

  /** A budget exceeded, located like an execution error. */
  private exceeded(limit: TemplateLimit): never {
    try {
      this.errorf(limitText(limit));
    } catch (e) {
      throw new TemplateLimitError((e as Error).message, limit);
    }
  }

  private step(): void {
    if (++this.steps > TEMPLATE_LIMITS.steps) this.exceeded('steps');
  }

  private emit(text: string): void {
    this.outBytes += Buffer.byteLength(text, 'utf8');
    if (this.outBytes > TEMPLATE_LIMITS.outputBytes) this.exceeded('outputBytes');
    this.out.push(text);
  }

  /** Runs `f` one level deeper (template calls, bodies, pipelines): the JS stack grows with it. */
  private deeper<T>(f: () => T): T {
    if (++this.nesting > TEMPLATE_LIMITS.depth) this.exceeded('depth');
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  /** parse.Tree.ErrorContext: line and byte column of the node, and its text. */
  private errorContext(n: Node): [string, string] {
    const text = this.input.text.slice(0, n.pos);
    const nl = text.lastIndexOf('\n');
    const col = Buffer.byteLength(nl === -1 ? text : text.slice(nl + 1), 'utf8');
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    return [`${this.input.parseName}:${line}:${col}`, nodeString(n)];
  }

  private at(n: Node): void {
    this.node = n;
  }

  // ---- variables ----
  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private push(name: string, v: GoValue): void {
    this.vars.push([name, v]);
  }
  private setVar(name: string, v: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i][0] === name) {
        this.vars[i][1] = v;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, v: GoValue): void {
    this.vars[this.vars.length - n][1] = v;
  }
  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i][0] === name) return this.vars[i][1];
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- statements ----
  walk(dot: GoValue, node: Node): void {
    this.at(node);
    this.step();
    this.deeper(() => this.walkNode(dot, node));
  }

  private walkNode(dot: GoValue, node: Node): void {
    switch (node.kind) {
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, v);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.emit(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): void {
    const mark = this.mark();
    try {
      const v = this.evalPipeline(dot, node.pipe);
      if (v instanceof GoFunc) this.errorf(`if/with can't use ${formatValue(v)}`);
      if (isTrue(v)) this.walk(node.kind === 'with' ? v : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: GoValue, elem: GoValue): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem); // the element is the top variable (lexically the second of two)
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.setTopVar(2, index);
        }
        if (++this.rangeIterations > TEMPLATE_LIMITS.rangeIterations) {
          this.at(r);
          this.exceeded('rangeIterations');
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.pop(mark);
        }
      };
      try {
        if (Array.isArray(val)) {
          if (val.length > 0) {
            val.forEach((e, i) => oneIteration(i, e));
            return;
          }
        } else if (val instanceof Map) {
          if (val.size > 0) {
            for (const k of sortedKeys(val)) oneIteration(k, val.get(k));
            return;
          }
        } else if (typeof val === 'number') {
          // Go 1.22+: range over an int counts from 0.
          if (decl.length > 1) this.errorf(`can't use ${val} to iterate over more than one variable`);
          if (val > 0) {
            for (let i = 0; i < val; i++) oneIteration(i, i);
            return;
          }
        } else if (val !== undefined && val !== null) {
          this.errorf(`range can't iterate over ${formatValue(val)}`);
        }
      } catch (e) {
        if (e instanceof BreakSignal) return;
        throw e;
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: GoValue, t: Extract<Node, { kind: 'template' }>): void {
    this.at(t);
    const tree = this.input.set.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === 100000) this.errorf('exceeded maximum template depth (100000)');
    // Variables the pipeline declares persist in the caller.
    const newDot = this.evalPipeline(dot, t.pipe);
    this.depth++;
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [['$', newDot]];
    this.tmplName = t.name;
    try {
      this.walk(newDot, tree as ListNode);
    } finally {
      this.vars = saved.vars;
      this.tmplName = saved.name;
      this.depth--;
    }
  }

  // ---- pipelines and commands ----
  private evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    this.step();
    return this.deeper(() => this.evalPipelineBody(dot, pipe));
  }

  private evalPipelineBody(dot: GoValue, pipe: PipeNode): GoValue {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result digs down to nothing (reflect.ValueOf(nil) is invalid).
      if (value === null) value = undefined;
    }
    const v = value as GoValue;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], v);
      else this.push(variable.ident[0], v);
    }
    return v;
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    this.step();
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final, undefined);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // The arguments are all inside the parentheses; nothing may follow.
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      // biome-ignore lint/suspicious/noFallthroughSwitchClause: errorf throws, as Go's panics
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf never returns)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return n.int;
    this.errorf(`${n.text} overflows int`);
  }

  private evalChainNode(dot: GoValue, chain: Extract<Node, { kind: 'chain' }>, args: Node[], final: Final): GoValue {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final, undefined);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: Node[], final: Final): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final, undefined);
  }

  /** `.A.B.C`: every field but the last takes no arguments. Values read out of a map have static type interface {}. */
  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: Node,
    ident: string[],
    args: Node[],
    final: Final,
    staticType: string | undefined,
  ): GoValue {
    let type = staticType;
    for (let i = 0; i < ident.length - 1; i++) {
      const wasMap = receiver instanceof Map;
      receiver = this.evalField(ident[i], node, [], MISSING, receiver, type);
      type = wasMap ? 'interface {}' : undefined;
    }
    return this.evalField(ident[ident.length - 1], node, args, final, receiver, type);
  }

  private evalField(
    fieldName: string,
    node: Node,
    args: Node[],
    final: Final,
    receiver: GoValue,
    staticType: string | undefined,
  ): GoValue {
    if (receiver === undefined) return undefined; // missingkey=default: an invalid value stays invalid
    const typ = staticType ?? typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct && receiver.fields.has(fieldName)) {
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return receiver.fields.get(fieldName);
    }
    if (receiver instanceof Map) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      return receiver.get(fieldName);
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(
    dot: GoValue,
    node: Extract<Node, { kind: 'identifier' }>,
    cmd: Node,
    args: Node[] | undefined,
    final: Final,
  ): GoValue {
    this.at(node);
    const fn = this.input.funcs.get(node.name);
    if (!fn) this.errorf(`${goQuote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args, final);
  }

  private evalCall(
    dot: GoValue,
    fn: GoFunc,
    node: Node,
    name: string,
    argNodes: Node[] | undefined,
    final: Final,
  ): GoValue {
    const args = argNodes ? argNodes.slice(1) : [];
    const numParams = fn.params.length;
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== numParams) this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);

    // and/or short-circuit: stop at the first argument that decides the answer.
    if ((name === 'and' || name === 'or') && fn === BUILTINS.get(name)) {
      let v: GoValue;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.params[numParams - 1], args[i]));
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.params[numParams - 1];
      argv.push(this.validateType(final, t));
    }
    let result: GoValue;
    try {
      result = fn.fn(...argv);
    } catch (e) {
      if (e instanceof OutputTooLarge) {
        this.at(node);
        this.exceeded('outputBytes');
      }
      if (!(e instanceof FuncError)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
    // A string doubled in a variable never reaches the output: bound every result as well.
    const max = TEMPLATE_LIMITS.outputBytes;
    if (typeof result === 'string' && result.length > max / 4 && Buffer.byteLength(result, 'utf8') > max) {
      this.at(node);
      this.exceeded('outputBytes');
    }
    return result;
  }

  private evalArg(dot: GoValue, typ: ParamType, n: Node): GoValue {
    this.at(n);
    this.step();
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'string') this.errorf('cannot assign nil to string');
        return typ === 'any' ? null : undefined;
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING, undefined), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    if (typ === 'string') {
      if (n.kind === 'string') return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private validateType(value: Final, typ: ParamType): GoValue {
    if (value === MISSING || value === undefined) {
      if (typ === 'string') this.errorf('invalid value; expected string');
      return typ === 'any' ? null : undefined;
    }
    if (typ === 'string' && typeof value !== 'string')
      this.errorf(`wrong type for value; expected string; got ${value === null ? 'interface {}' : typeName(value)}`);
    return value;
  }

  private printValue(n: Node, v: GoValue): void {
    this.at(n);
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    this.emit(formatValue(v));
  }
}
