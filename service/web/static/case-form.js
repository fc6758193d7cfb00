// A form drawn from a JSON Schema (the OpenAPI request schema of a domain scheme, or the schema of a decision's
// inputs, which the service builds from the model's input data and item definitions), and the request body it
// gives. An empty field is left out of the body: the service then applies the default or FEEL null.
'use strict';

(function (global) {
  const { ExactNumber, RawJson, NUMBER } = global.ExactJson;

  function humanize(name) {
    const words = String(name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  // a value that can only be null: the "or null" half of a nullable schema
  function nullOnly(schema) {
    return schema.type === 'null' || (Array.isArray(schema.enum) && schema.enum.every(v => v === null));
  }

  // the schema to draw: $ref resolved; of alternatives (anyOf, oneOf), the first that is not just null; allOf
  // parts merged. Beside a type or properties, allOf/anyOf/oneOf are constraints between fields (such as "required
  // unless self-employed"): the form leaves them to the service, whose answer names each field that breaks them.
  function normalize(schema, resolve, depth) {
    depth = depth || 0;
    if (!schema || depth > 20) return {};
    if (schema.$ref) return normalize({ ...resolve(schema.$ref), ...without(schema, '$ref') }, resolve, depth + 1);
    if (schema.type || schema.properties) return schema;
    if (Array.isArray(schema.allOf)) {
      let merged = without(schema, 'allOf');
      for (const part of schema.allOf.map(p => normalize(p, resolve, depth + 1))) {
        merged = { ...part, ...merged, properties: { ...(part.properties || {}), ...(merged.properties || {}) },
          required: [...(part.required || []), ...(merged.required || [])] };
      }
      return merged;
    }
    for (const key of ['anyOf', 'oneOf']) {
      if (Array.isArray(schema[key])) {
        const options = schema[key].filter(s => !nullOnly(s));
        const nullable = Boolean(schema.nullable || options.length < schema[key].length || schema[key].some(s => s.nullable));
        const chosen = normalize(options[0] || {}, resolve, depth + 1);
        return { ...chosen, ...without(schema, key), nullable };
      }
    }
    return schema;
  }

  function without(object, key) {
    const copy = { ...object };
    delete copy[key];
    return copy;
  }

  function hintFor(schema) {
    const parts = [];
    if (schema.description) parts.push(schema.description);
    if (schema.default !== undefined && schema.default !== null) parts.push('default ' + schema.default);
    if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`${schema.minimum} to ${schema.maximum}`);
    else if (schema.minimum !== undefined) parts.push('≥ ' + schema.minimum);
    else if (schema.maximum !== undefined) parts.push('≤ ' + schema.maximum);
    return parts.join('; ');
  }

  const PLACEHOLDERS = { 'date-time': 'YYYY-MM-DDThh:mm:ss', time: 'hh:mm:ss', duration: 'P1Y2M or P3DT4H' };

  class CaseForm {
    // schema: the body's JSON Schema; resolve(ref) gives the schema a $ref names; types: input name -> type name
    constructor(container, schema, options) {
      this.container = container;
      this.resolve = (options && options.resolve) || (() => ({}));
      this.types = (options && options.types) || {};
      this.readers = [];
      container.replaceChildren();
      this.read = this.objectFields(container, normalize(schema, this.resolve), '', true);
    }

    // the request body and the fields the page could not read (a list that is not JSON, ...)
    value() {
      const problems = [];
      const body = this.read(problems);
      return { body: body === undefined ? {} : body, problems };
    }

    objectFields(container, schema, prefix, top) {
      const required = new Set(schema.required || []);
      const readers = [];
      for (const [name, property] of Object.entries(schema.properties || {})) {
        const path = prefix ? prefix + '.' + name : name;
        const sub = normalize(property, this.resolve);
        const type = top ? this.types[name] : undefined;
        readers.push([name, this.field(container, name, path, sub, required.has(name), type)]);
      }
      return problems => {
        const value = {};
        for (const [name, read] of readers) {
          const item = read(problems);
          if (item !== undefined) value[name] = item;
        }
        return Object.keys(value).length ? value : undefined;
      };
    }

    label(name, path, required, type, id) {
      return el('label', { for: id }, [
        humanize(name), ' ', el('code', { text: name }),
        type ? el('span', { class: 'type', text: type }) : null,
        required ? el('span', { class: 'required', title: 'required', text: '*' }) : null,
      ]);
    }

    field(container, name, path, schema, required, type) {
      const id = 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
      if (schema.type === 'object' && schema.properties) {
        const fieldset = el('fieldset', { class: 'group', 'data-path': path }, [
          el('legend', {}, [humanize(name), ' ', el('code', { text: name }),
            type ? el('span', { class: 'type', text: type }) : null,
            required ? el('span', { class: 'required', text: '*' }) : null]),
        ]);
        if (schema.description) fieldset.append(el('small', { class: 'hint', text: schema.description }));
        container.append(fieldset);
        const read = this.objectFields(fieldset, schema, path, false);
        fieldset.append(el('div', { class: 'error' }));
        return read;
      }
      const wrapper = el('div', { class: 'field', 'data-path': path });
      let input;
      let read;
      const text = () => input.value.trim();
      if (Array.isArray(schema.enum)) {
        input = el('select', { id, name: path }, [el('option', { value: '', text: '' })]);
        for (const option of schema.enum.filter(v => v !== null)) {
          input.append(el('option', { value: String(option), text: String(option) }));
        }
        read = () => (text() === '' ? undefined : text());
      } else if (schema.type === 'boolean') {
        input = el('select', { id, name: path }, [el('option', { value: '', text: '' }),
          el('option', { value: 'true', text: 'yes (true)' }), el('option', { value: 'false', text: 'no (false)' })]);
        read = () => (text() === '' ? undefined : text() === 'true');
      } else if (schema.type === 'number' || schema.type === 'integer') {
        input = el('input', { id, name: path, type: 'text', inputmode: 'decimal', autocomplete: 'off' });
        read = () => (text() === '' ? undefined : NUMBER.test(text()) ? new ExactNumber(text()) : text());
      } else if (schema.type === 'string') {
        input = el('input', { id, name: path, type: schema.format === 'date' ? 'date' : 'text',
          placeholder: PLACEHOLDERS[schema.format], autocomplete: 'off' });
        read = () => (text() === '' ? undefined : text());
      } else if (schema.type === 'array') {
        const items = normalize(schema.items, this.resolve);
        const scalar = ['number', 'integer', 'string', 'boolean'].includes(items.type);
        input = el('input', { id, name: path, type: 'text', autocomplete: 'off',
          placeholder: scalar ? 'values separated by commas' : 'a JSON list' });
        read = problems => {
          if (text() === '') return undefined;
          if (!scalar) return json(text(), path, problems);
          return text().split(/\s*[,;]\s*/).filter(v => v !== '').map(v => {
            if (items.type === 'number' || items.type === 'integer') return NUMBER.test(v) ? new ExactNumber(v) : v;
            if (items.type === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
            return v;
          });
        };
      } else {
        input = el('input', { id, name: path, type: 'text', autocomplete: 'off', placeholder: 'any JSON value' });
        read = problems => (text() === '' ? undefined : json(text(), path, problems, true));
      }
      wrapper.append(this.label(name, path, required, type, id), input);
      const hint = hintFor(schema);
      if (hint) wrapper.append(el('small', { class: 'hint', text: hint }));
      wrapper.append(el('div', { class: 'error' }));
      container.append(wrapper);
      return read;
    }

    clearErrors() {
      for (const node of this.container.querySelectorAll('[data-path].invalid')) node.classList.remove('invalid');
      for (const node of this.container.querySelectorAll('.error')) node.textContent = '';
    }

    // marks each field named by a problem document's errors ({path, message}); gives the errors no field shows
    showErrors(errors) {
      this.clearErrors();
      const unplaced = [];
      for (const error of errors || []) {
        let path = String(error.path || '');
        let node = null;
        while (path && !(node = this.find(path))) path = path.replace(/(\[\d+\]|\.?[^.[]+)$/, '');
        if (!node) { unplaced.push(error); continue; }
        node.classList.add('invalid');
        const box = node.querySelector(':scope > .error');
        box.textContent = (box.textContent ? box.textContent + ' ' : '') + error.message;
      }
      return unplaced;
    }

    find(path) {
      for (const node of this.container.querySelectorAll('[data-path]')) if (node.dataset.path === path) return node;
      return null;
    }

    // fills the fields from a request body (the example of a scheme, a body pasted by the user)
    fill(body, prefix) {
      for (const [key, value] of Object.entries(body || {})) {
        const path = prefix ? prefix + '.' + key : key;
        if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof ExactNumber)) {
          this.fill(value, path);
          continue;
        }
        const node = this.find(path);
        const input = node && node.querySelector('input, select');
        if (!input) continue;
        input.value = Array.isArray(value) ? value.join(', ') : value === null ? '' : String(value);
      }
    }
  }

  function json(text, path, problems, lenient) {
    try {
      return new RawJson(text);
    } catch (error) {
      if (lenient) return text;
      problems.push({ path, message: 'Not JSON: ' + error.message });
      return undefined;
    }
  }

  global.CaseForm = CaseForm;
  global.CaseForm.humanize = humanize;
  global.CaseForm.el = el;
})(window);
