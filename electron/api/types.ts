import type { MethodName, MethodOutput, MethodParsedInput } from '../../shared/contract/index.js';
import type { HandlerContext } from './context.js';

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: HandlerContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type HandlersFor<M extends MethodName> = { [K in M]: Handler<K> };
export type Handlers = HandlersFor<MethodName>;
