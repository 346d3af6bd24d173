import vm from 'node:vm';
import type { Realm } from './services/env';

/**
 * Source run inside the execution's context. It replaces Date with one whose `new Date()` and
 * `Date.now()` follow the world clock. Every other form, Date.UTC and Date.parse are the context's
 * own, and instances are real Dates of the context. It returns helpers that build values of the
 * context's realm, so the bundle's `instanceof Array`, `instanceof Date` and `instanceof Error` hold.
 */
const REALM_SOURCE = `(function installRealm(now) {
  'use strict';
  var RealDate = Date;
  function ClockDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    if (args.length === 0) args = [now()];
    return Reflect.construct(RealDate, args, new.target);
  }
  ClockDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(ClockDate, RealDate);
  Object.defineProperty(ClockDate, 'now', { value: function () { return now(); }, writable: true, configurable: true });
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
  globalThis.Date = ClockDate;

  function isPlainObject(value) {
    var proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
  }
  function toContext(value) {
    if (value === null || typeof value !== 'object') return value;
    var tag = Object.prototype.toString.call(value);
    if (tag === '[object Date]') return new RealDate(value.getTime());
    if (Array.isArray(value)) {
      var copy = [];
      for (var i = 0; i < value.length; i++) copy.push(toContext(value[i]));
      return copy;
    }
    if (!isPlainObject(value)) return value;
    var object = {};
    Object.keys(value).forEach(function (key) { object[key] = toContext(value[key]); });
    return object;
  }
  function array(items) {
    var copy = [];
    for (var i = 0; i < items.length; i++) copy.push(items[i]);
    return copy;
  }
  function error(name, message) {
    var created = new Error(message);
    created.name = name;
    return created;
  }
  return { toContext: toContext, array: array, error: error };
})`;

/** Installs the clock-following Date in a context and returns its realm helpers. */
export function installRealm(context: vm.Context, now: () => number): Realm {
  const install = vm.runInContext(REALM_SOURCE, context, { filename: 'local-runtime-realm.js' }) as (now: () => number) => Realm;

  return install(now);
}
