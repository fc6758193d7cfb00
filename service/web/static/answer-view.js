// The answer to a case: the result, the schedule and months as tables, the messages, and each evaluated decision
// with its inputs (when the answer gives them), output and matched rules; or the problem document of a bad case.
'use strict';

(function (global) {
  const { el, humanize } = global.CaseForm;
  const { stringify, ExactNumber } = global.ExactJson;

  function text(value) {
    if (value === null || value === undefined) return 'null';
    if (value instanceof ExactNumber) return value.text;
    if (typeof value === 'object') return stringify(value);
    return String(value);
  }

  // response: {ok, status, body}; options: modelName, showErrors(errors) -> the errors no field shows,
  // open(decisionId) shows a decision in the viewer
  function render(box, response, options) {
    const body = response.body || {};
    box.replaceChildren();
    if (!response.ok) {
      box.append(problemView(body, options.showErrors(body.errors || [])));
    } else {
      box.append(el('p', { class: 'answer-model' }, ['From ', el('strong', { text: options.modelName || '?' }),
        body.model && body.model.sha256 ? ` (sha256 ${String(body.model.sha256).slice(0, 12)}…)` : '']));
      box.append(resultView(body));
    }
    for (const name of ['schedule', 'months']) {
      const list = body[name] || (body.result && body.result[name]);
      if (Array.isArray(list) && list.length) box.append(el('h3', { text: humanize(name) }), listTable(list, name));
    }
    if (Array.isArray(body.messages) && body.messages.length) {
      box.append(el('h3', { text: 'Messages' }), el('ul', { class: 'messages' }, body.messages.map(m => el('li', {
        text: typeof m === 'string' ? m : [m.severity, m.message || text(m)].filter(Boolean).join(': ') }))));
    }
    const evaluated = Array.isArray(body.evaluatedDecisions) ? body.evaluatedDecisions : [];
    if (evaluated.length) box.append(el('h3', { text: 'Evaluated decisions' }), evaluatedView(evaluated, options));
  }

  function problemView(body, unplaced) {
    const box = el('div', { class: 'problem', role: 'alert' }, [
      el('p', {}, [el('strong', { text: `${body.status || ''} ${body.title || 'Error'}` }), ': ', body.detail || '']),
    ]);
    const errors = unplaced.length ? unplaced : [];
    if (errors.length) {
      box.append(el('ul', {}, errors.map(e => el('li', {}, [el('code', { text: e.path || '(the whole case)' }), ' ', e.message]))));
    }
    if (body.errors && body.errors.length && !errors.length) box.append(el('p', { class: 'muted', text: 'The form shows each invalid field.' }));
    return box;
  }

  const NOT_RESULT = new Set(['model', 'evaluatedDecisions', 'messages', 'schedule', 'months', 'decision']);

  function resultView(body) {
    if (Object.prototype.hasOwnProperty.call(body, 'result')) {
      const result = body.result;
      if (result !== null && typeof result === 'object' && !(result instanceof ExactNumber) && !Array.isArray(result)) {
        return fieldsTable(Object.fromEntries(Object.entries(result).filter(([k]) => !NOT_RESULT.has(k))));
      }
      return el('p', { class: 'result' }, [el('span', { class: 'muted', text: 'Result: ' }), el('strong', { text: text(result) })]);
    }
    return fieldsTable(Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_RESULT.has(k))));
  }

  // a result's fields, nested objects flattened to dotted names
  function fieldsTable(object) {
    const items = [];
    const walk = (value, prefix) => {
      if (value && typeof value === 'object' && !(value instanceof ExactNumber) && !Array.isArray(value)
          && Object.keys(value).length) {
        for (const [key, item] of Object.entries(value)) walk(item, prefix ? `${prefix}.${key}` : key);
      } else {
        items.push(el('div', { 'data-field': prefix }, [el('dt', { text: prefix }), el('dd', {}, [valueView(value)])]));
      }
    };
    walk(object, '');
    return el('dl', { class: 'result fields' }, items);
  }

  function valueView(value) {
    if (Array.isArray(value) && value.length && value.every(v => v && typeof v === 'object' && !(v instanceof ExactNumber))) {
      return el('ul', { class: 'compact' }, value.map(v => el('li', { text: Object.values(v).map(text).join(' · ') })));
    }
    const node = el('span', { text: text(value) });
    if (value instanceof ExactNumber) node.className = 'number';
    if (value === null) node.className = 'null';
    return node;
  }

  function listTable(list, name) {
    const columns = [];
    for (const row of list) {
      for (const key of Object.keys(row && typeof row === 'object' ? row : { value: row })) {
        if (!columns.includes(key)) columns.push(key);
      }
    }
    return el('table', { class: 'list ' + name, id: name + '-table' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: '#' }), ...columns.map(c => el('th', { text: c }))])]),
      el('tbody', {}, list.map((row, index) => {
        const values = row && typeof row === 'object' ? row : { value: row };
        return el('tr', {}, [el('td', { text: String(index + 1) }),
          ...columns.map(c => el('td', {}, [valueView(values[c] === undefined ? '' : values[c])]))]);
      })),
    ]);
  }

  function evaluatedView(evaluated, options) {
    // the inputs of each decision, when the answer gives them
    const withInputs = evaluated.some(d => d.inputs && typeof d.inputs === 'object');
    const headers = ['Decision', withInputs ? 'Inputs' : null, 'Output', 'Matched rules'].filter(Boolean);
    return el('table', { class: 'evaluated' }, [
      el('thead', {}, [el('tr', {}, headers.map(h => el('th', { text: h })))]),
      el('tbody', {}, evaluated.map(decision => {
        const open = el('button', { type: 'button', class: 'link', 'data-open': decision.decisionId,
          title: 'Show it in the viewer', text: decision.decisionName || decision.decisionId });
        open.addEventListener('click', () => options.open(decision.decisionId));
        const inputs = decision.inputs && typeof decision.inputs === 'object'
          ? el('dl', {}, Object.entries(decision.inputs).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: text(v) })]))
          : el('span', { class: 'muted', text: '' });
        const rules = (decision.matchedRules || []).map(r => el('li', {}, [ruleLink(r, decision, options),
          r.annotation ? ' ' + r.annotation : '']));
        return el('tr', { 'data-decision': decision.decisionId }, [
          el('td', {}, [open, decision.source ? el('small', { class: 'muted', text: ' ' + text(decision.source) }) : null]),
          withInputs ? el('td', {}, [inputs]) : null,
          el('td', {}, [longText(text(decision.result))]),
          el('td', {}, [rules.length ? el('ul', { class: 'rules' }, rules) : el('span', { class: 'muted', text: '' })]),
        ]);
      })),
    ]);
  }

  // a matched rule, which opens its table: the decision's own, or that of a knowledge model it invoked
  function ruleLink(rule, decision, options) {
    const table = options.tableOf ? options.tableOf(rule.ruleId) : null;
    const label = `rule ${rule.ruleIndex}` + (table && table.id !== decision.decisionId ? ` of ${table.name || table.id}` : '');
    if (!table) return el('span', { class: 'rule', text: label });
    const link = el('button', { type: 'button', class: 'link rule', 'data-rule': rule.ruleId, 'data-table': table.id,
      title: 'Show the rule in its table', text: label });
    link.addEventListener('click', () => options.openTable(table.id));
    return link;
  }

  // a value's text, folded when it is long (a top decision's whole answer)
  function longText(value) {
    if (value.length <= 160) return el('code', { text: value });
    return el('details', {}, [el('summary', {}, [el('code', { text: value.slice(0, 100) + '…' })]),
      el('code', { text: value })]);
  }

  global.AnswerView = { render, text };
})(window);
