// Exact JSON numbers for the page: the service writes money as exact decimals (2340.00), and so must the page,
// both ways. A number read from an answer keeps its source text; a number typed in the form is sent as typed.
// Never through binary floating point.
'use strict';

(function (global) {
  class ExactNumber {
    constructor(text) { this.text = String(text); }
    toString() { return this.text; }
    toJSON() { return this.text; }
  }

  const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

  // JSON.parse keeping each number's source text (JSON.parse source text access; where the browser lacks it,
  // a number is kept as JavaScript reads it)
  function parse(text) {
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number') {
        return new ExactNumber(context && context.source !== undefined ? context.source : String(value));
      }
      return value;
    });
  }

  function stringify(value, indent, depth) {
    indent = indent || '';
    depth = depth || 0;
    const pad = indent ? '\n' + indent.repeat(depth + 1) : '';
    const end = indent ? '\n' + indent.repeat(depth) : '';
    const sep = indent ? ': ' : ':';
    if (value === null || value === undefined) return 'null';
    if (value instanceof ExactNumber) return NUMBER.test(value.text) ? value.text : JSON.stringify(value.text);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return JSON.stringify(value);
    if (value instanceof RawJson) return value.text;
    if (Array.isArray(value)) {
      if (!value.length) return '[]';
      return '[' + value.map(v => pad + stringify(v, indent, depth + 1)).join(',') + end + ']';
    }
    const keys = Object.keys(value).filter(k => value[k] !== undefined);
    if (!keys.length) return '{}';
    return '{' + keys.map(k => pad + JSON.stringify(k) + sep + stringify(value[k], indent, depth + 1)).join(',')
      + end + '}';
  }

  // a JSON text typed by the user (checked with JSON.parse), sent as it is
  class RawJson {
    constructor(text) { JSON.parse(text); this.text = text.trim(); }
  }

  global.ExactJson = { ExactNumber, RawJson, NUMBER, parse, stringify };
})(window);
