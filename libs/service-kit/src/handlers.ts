import type { EventContract, ParsedRequestOf, RequestContract, ResponseOf } from '@congress/contracts';
import type { EventHandlerBinding, RequestContext, RequestHandlerFn } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import 'reflect-metadata';

const REQUEST_HANDLERS = Symbol('congress:request-handlers');
const EVENT_HANDLERS = Symbol('congress:event-handlers');

interface RequestMeta {
  contract: RequestContract;
  method: string | symbol;
}
interface EventMeta {
  event: EventContract;
  method: string | symbol;
  options: Pick<EventHandlerBinding, 'maxAttempts' | 'backoffMs'>;
}

/**
 * Marks a provider method as the handler of a request contract. The method's type must match
 * the contract (input in, response out), so a wrong shape does not compile.
 */
export function HandleRequest<C extends RequestContract>(contract: C) {
  return <F extends RequestHandlerFn<C>>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<F>): void => {
    const list: RequestMeta[] = Reflect.getMetadata(REQUEST_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(REQUEST_HANDLERS, [...list, { contract, method }], target.constructor);
  };
}

/** Marks a provider method as the handler of an event; it runs in the inbox transaction. */
export function HandleEvent<C extends EventContract>(event: C, options: Pick<EventHandlerBinding, 'maxAttempts' | 'backoffMs'> = {}) {
  return <F extends EventHandlerBinding<C>['handle']>(target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<F>): void => {
    const list: EventMeta[] = Reflect.getMetadata(EVENT_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(EVENT_HANDLERS, [...list, { event, method, options }], target.constructor);
  };
}

export function requestHandlersOf(instance: object): RequestMeta[] {
  return Reflect.getMetadata(REQUEST_HANDLERS, instance.constructor) ?? [];
}
export function eventHandlersOf(instance: object): EventMeta[] {
  return Reflect.getMetadata(EVENT_HANDLERS, instance.constructor) ?? [];
}

/** One request a feature serves: its contract and what to call on the feature's service. */
export interface RequestRoute<S> {
  contract: RequestContract;
  handle: (service: S, input: never, ctx: RequestContext) => Promise<unknown>;
}

/** Binds a contract to a call on the service; the input and the answer are typed by the contract. */
export type RouteOf<S> = <C extends RequestContract>(contract: C, handle: (service: S, input: ParsedRequestOf<C>, ctx: RequestContext) => Promise<ResponseOf<C>>) => RequestRoute<S>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ServiceClass<S> = abstract new (...args: any[]) => S;

/**
 * The NATS requests of one feature as a table: each contract and the one call on the feature's
 * service that answers it. Parsing (by the contract, at the transport) and the actor are done
 * before; the call is all a handler does, so there is nothing else to write per request:
 *
 *   export const ProblemsHandlers = requestHandlers(ProblemsService, (on) => [
 *     on(ProblemGet, (problems, { id }, { actor }) => problems.get(actor, id)),
 *   ]);
 *
 * The result is an injectable provider, discovered like a class with @HandleRequest methods.
 */
export function requestHandlers<S>(service: ServiceClass<S>, define: (on: RouteOf<S>) => RequestRoute<S>[]): new (service: S) => { readonly service: S } {
  const routes = define((contract, handle) => ({ contract, handle: handle as RequestRoute<S>['handle'] }));
  const subjects = routes.map((r) => r.contract.subject);
  const twice = subjects.find((s, i) => subjects.indexOf(s) !== i);
  if (twice) throw new Error(`${service.name}: ${twice} is routed twice`);
  class Handlers {
    constructor(readonly service: S) {}
  }
  Injectable()(Handlers);
  Inject(service)(Handlers, undefined, 0);
  Object.defineProperty(Handlers, 'name', { value: `${service.name.replace(/Service$/, '')}Handlers` });
  for (const route of routes) {
    const method = route.contract.subject;
    Object.defineProperty(Handlers.prototype, method, {
      value(this: Handlers, input: never, ctx: RequestContext) {
        return route.handle(this.service, input, ctx);
      },
    });
    const list: RequestMeta[] = Reflect.getMetadata(REQUEST_HANDLERS, Handlers) ?? [];
    Reflect.defineMetadata(REQUEST_HANDLERS, [...list, { contract: route.contract, method }], Handlers);
  }
  return Handlers;
}
