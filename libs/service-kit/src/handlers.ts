import type { EventContract, RequestContract } from '@congress/contracts';
import type { EventHandlerBinding, RequestHandlerFn } from '@congress/messaging';
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
