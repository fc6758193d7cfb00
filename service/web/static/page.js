// The page: the loaded models and their decisions, the dmn-js viewer on the diagram and tables, a case to try,
// its answer with the matched rules highlighted in their tables, the findings on the tables, and the state of the
// last reload. It reads the service's API (relative URLs, so that it works behind a path prefix too).
'use strict';

(function () {
  const { el } = window.CaseForm;
  const { parse, stringify } = window.ExactJson;
  const { text } = window.AnswerView;
  const $ = id => document.getElementById(id);

  const state = {
    models: [],        // GET /models
    decisions: [],     // GET /decisions
    openapi: null,     // GET /openapi.json
    findings: [],      // GET /ui/findings
    view: null,        // the dmn-js viewer on one model (ModelView)
    modelFile: null,   // the file it shows
    answer: null,      // {model: name, files: Set, decisions: Map(decisionId -> evaluated decision), rules: Set}
    form: null,
    target: null,
  };

  async function getJson(url, options) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, ...options });
    const text = await response.text();
    let body;
    try {
      body = text ? parse(text) : null;
    } catch (error) {
      body = { title: 'Not JSON', detail: text.slice(0, 500) };
    }
    return { status: response.status, ok: response.ok, body, headers: response.headers };
  }

  function modelByName(name) {
    return state.models.find(m => m.name === name || m.file === name) || null;
  }

  // ---- the state of the service and of its last reload -------------------------------------------------------

  // the last load of the models: GET /ready's lastReload, else GET /models' Last-Reload headers
  function findReload(ready, models) {
    for (const source of [ready.body, models.body]) {
      if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
      for (const [key, value] of Object.entries(source)) {
        if (/reload/i.test(key) && value && typeof value === 'object') return value;
      }
    }
    const time = models.headers && models.headers.get('Last-Reload');
    const status = models.headers && models.headers.get('Last-Reload-Status');
    return time || status ? { time, succeeded: status !== 'failed', problems: [] } : null;
  }

  function when(time) {
    const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(String(time || ''));
    return match ? `${match[1]} ${match[2]} UTC` : String(time || '');
  }

  function renderStatus(ready, models) {
    const box = $('status');
    box.replaceChildren();
    const count = state.models.length;
    box.append(el('span', { class: ready.ok ? 'ok' : 'bad', id: 'ready-state',
      text: ready.ok ? `Ready: ${count} model${count === 1 ? '' : 's'}` : `Not ready: ${(ready.body || {}).detail || ready.status}` }));
    const reload = findReload(ready, models);
    const span = el('span', { id: 'reload-state', class: 'reload' });
    if (reload) {
      const success = ['succeeded', 'success', 'ok'].map(k => reload[k]).find(v => v !== undefined);
      const failed = success === false || /fail|error/i.test(String(reload.status || reload.outcome || ''));
      const time = when(reload.time || reload.at || reload.finishedAt);
      span.classList.add(failed ? 'bad' : 'ok');
      if (failed) {
        const serving = (reload.serving || []).map(m => m.name).join(', ');
        span.append(`Last reload ${time} failed: ${serving ? serving + ' keep' + (reload.serving.length === 1 ? 's' : '') : 'the previous models keep'} serving.`);
      } else {
        span.append(`Models loaded ${time}.`);
      }
      const problems = reload.problems || [];
      if (problems.length) {
        span.append(el('ul', { class: 'reload-problems' }, problems.map(p => el('li', {
          text: typeof p === 'string' ? p : [p.where, p.message].filter(Boolean).join(': ') || text(p) }))));
      }
    }
    box.append(span);
  }

  // ---- models and decisions ----------------------------------------------------------------------------------

  function renderModels() {
    const box = $('models');
    box.replaceChildren();
    for (const model of state.models) {
      const decisions = state.decisions.filter(d => d.model === model.name);
      box.append(el('div', { class: 'model' }, [
        el('h3', { text: model.name }),
        el('p', { class: 'muted' }, [el('code', { text: model.file }), ' ',
          el('span', { title: 'sha256 ' + model.sha256, text: 'sha256 ' + String(model.sha256).slice(0, 12) + '…' })]),
        el('ul', { class: 'decisions' }, decisions.map(d => {
          const link = el('a', { href: '#', 'data-decision': d.id, text: d.name });
          link.addEventListener('click', event => {
            event.preventDefault();
            openDecision(model.file, d.id);
            selectTarget(`decision:${model.name}:${d.id}`);
          });
          return el('li', {}, [link, ' ', el('span', { class: 'kind', text: d.kind })]);
        })),
      ]));
    }
    const select = $('model-select');
    select.replaceChildren(...state.models.map(m => el('option', { value: m.file, text: m.name })));
    select.onchange = () => showModel(select.value);
  }

  // ---- the dmn-js viewer (model-view.js) ---------------------------------------------------------------------

  function currentModel() {
    return state.models.find(m => m.file === state.modelFile) || {};
  }

  async function showModel(file) {
    if (state.modelFile === file) return;
    state.modelFile = file;
    $('model-select').value = file;
    const response = await fetch('models/' + encodeURIComponent(file) + '/dmn');
    await state.view.show(file, await response.text());
    refreshView();
  }

  // the findings of the model shown, and the answer when it comes from that model (or the models it imports)
  function refreshView() {
    const model = currentModel();
    state.view.findings = modelFindings(model);
    const answer = state.answer && state.answer.files.has(model.file) ? state.answer : null;
    state.view.setAnswer(answer && { decisions: new Set(answer.decisions.keys()), rules: answer.rules });
  }

  async function openDecision(file, id) {
    await showModel(file);
    await state.view.open(id);
    $('viewer-panel').scrollIntoView({ block: 'nearest' });
  }

  function modelFindings(model) {
    return state.findings.filter(f => f.model === model.name || (f.file && baseName(f.file) === model.file));
  }

  // ---- what to ask: a domain scheme or a decision -------------------------------------------------------------

  function schemes() {
    const found = [];
    for (const [path, item] of Object.entries((state.openapi && state.openapi.paths) || {})) {
      const post = item.post;
      const schema = post && post.requestBody && post.requestBody.content
        && post.requestBody.content['application/json'] && post.requestBody.content['application/json'].schema;
      if (path.startsWith('/benefits/') && schema) found.push({ path, summary: post.summary || '', schema });
    }
    return found;
  }

  function renderTargets() {
    const select = $('target-select');
    select.replaceChildren();
    const domain = schemes();
    if (domain.length) {
      select.append(el('optgroup', { label: 'A case of a scheme' }, domain.map(s => el('option', {
        value: 'scheme:' + s.path, title: s.summary,
        text: `${s.path.split('/').pop().toUpperCase()} case (POST ${s.path})` }))));
    }
    for (const model of state.models) {
      select.append(el('optgroup', { label: 'A decision of ' + model.name }, state.decisions
        .filter(d => d.model === model.name)
        .map(d => el('option', { value: `decision:${model.name}:${d.id}`, text: `${d.name} (${d.id})` }))));
    }
    select.onchange = () => selectTarget(select.value);
    if (select.options.length) selectTarget(select.options[0].value);
  }

  async function selectTarget(value) {
    const select = $('target-select');
    select.value = value;
    $('form-fields').replaceChildren(el('p', { class: 'muted', text: 'Loading the form…' }));
    if (value.startsWith('scheme:')) {
      const path = value.slice('scheme:'.length);
      const scheme = schemes().find(s => s.path === path);
      state.target = { kind: 'scheme', url: path.replace(/^\//, ''), path };
      state.form = new window.CaseForm($('form-fields'), scheme.schema, { resolve: resolveRef });
      $('strict-label').hidden = true;
    } else {
      const [, modelName, id] = value.match(/^decision:(.*):([^:]*)$/);
      const form = await getJson(`ui/decisions/${encodeURIComponent(id)}/form?model=${encodeURIComponent(modelName)}`);
      if (!form.ok) {
        $('form-fields').replaceChildren(el('p', { class: 'bad', text: (form.body || {}).detail || 'No form' }));
        return;
      }
      const types = Object.fromEntries(form.body.inputs.map(i => [i.name, i.type]));
      state.target = { kind: 'decision', url: `decisions/${encodeURIComponent(id)}/evaluate`, model: modelName, id };
      state.form = new window.CaseForm($('form-fields'), form.body.schema, { types });
      $('strict-label').hidden = false;
    }
  }

  // a request body pasted as JSON (from a case-handling system's log, say) fills the form
  async function fillFromJson() {
    const note = $('request-note');
    let body;
    try {
      body = parse($('request-text').value);
    } catch (error) {
      note.textContent = 'Not JSON: ' + error.message;
      return;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      note.textContent = 'A case is a JSON object.';
      return;
    }
    note.textContent = '';
    await selectTarget($('target-select').value);
    state.form.fill(body);
  }

  function resolveRef(ref) {
    let node = state.openapi;
    for (const part of String(ref).replace(/^#\//, '').split('/')) node = node && node[part];
    return node || {};
  }

  // ---- trying a case and showing the answer -------------------------------------------------------------------

  async function submit(event) {
    event.preventDefault();
    if (!state.form) return;
    const { body, problems } = state.form.value();
    if (problems.length) {
      state.form.showErrors(problems);
      return;
    }
    state.form.clearErrors();
    const json = stringify(body);
    $('request-text').value = stringify(body, '  ');
    let url = state.target.url;
    if (state.target.kind === 'decision') {
      url += `?model=${encodeURIComponent(state.target.model)}&strict=${$('strict').checked}`;
    }
    $('answer').replaceChildren(el('p', { class: 'muted', text: 'Evaluating…' }));
    $('evaluate').disabled = true;
    try {
      const response = await getJson(url, { method: 'POST', body: json,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
      await showAnswer(response);
    } catch (error) {
      $('answer').replaceChildren(el('p', { class: 'bad', text: 'The service did not answer: ' + error.message }));
    } finally {
      $('evaluate').disabled = false;
    }
  }

  async function showAnswer(response) {
    const body = response.body || {};
    const evaluated = Array.isArray(body.evaluatedDecisions) ? body.evaluatedDecisions : [];
    const modelName = (body.model && body.model.name) || body.model
      || (state.target.kind === 'decision' ? state.target.model : null);
    state.answer = { model: modelName, files: answerFiles(modelName, evaluated),
      decisions: new Map(evaluated.map(d => [d.decisionId, d])),
      rules: new Set(evaluated.flatMap(d => (d.matchedRules || []).map(r => r.ruleId))) };
    const model = modelByName(modelName);
    if (model) await showModel(model.file);
    refreshView();
    window.AnswerView.render($('answer'), response, {
      modelName,
      showErrors: errors => state.form.showErrors(errors),
      open: decisionId => {
        const file = fileOf(decisionId, modelName);
        if (file) openDecision(file, decisionId);
      },
      // the table holding a rule (a decision's, or a knowledge model's that a decision invoked)
      tableOf: ruleId => state.view.owners.get(ruleId) || null,
      openTable: id => state.view.open(id).then(() => $('viewer-panel').scrollIntoView({ block: 'nearest' })),
    });
    $('answer-panel').scrollIntoView({ block: 'nearest' });
  }

  // the models an answer's decisions come from: the model answering, and the models it imports that hold the
  // evaluated decisions it does not hold itself
  function answerFiles(modelName, evaluated) {
    const top = modelByName(modelName);
    const files = new Set(top ? [top.file] : []);
    for (const decision of evaluated) {
      if (top && (top.decisions || []).includes(decision.decisionId)) continue;
      for (const model of state.models) if ((model.decisions || []).includes(decision.decisionId)) files.add(model.file);
    }
    return files;
  }

  // the model holding a decision: the preferred one when it does, else the first that does
  function fileOf(decisionId, preferred) {
    const holds = model => model && (model.decisions || []).includes(decisionId);
    if (holds(modelByName(preferred))) return modelByName(preferred).file;
    const model = state.models.find(holds);
    return model ? model.file : null;
  }

  // ---- findings -----------------------------------------------------------------------------------------------

  function baseName(file) {
    return String(file).split(/[\\/]/).pop();
  }

  function renderFindings(report) {
    const box = $('findings');
    box.replaceChildren();
    state.findings = (report && report.findings) || [];
    const source = report && report.source === 'lint' ? 'the linter (decisions check)' : 'loading the models';
    if (!state.findings.length) {
      box.append(el('p', { class: 'ok', text: `No findings from ${source}.` }));
      return;
    }
    box.append(el('p', { class: 'muted', text: `${state.findings.length} from ${source}. Select one to see its table.` }));
    box.append(el('ul', { class: 'findings' }, state.findings.map(finding => {
      const model = modelByName(finding.model) || modelByName(baseName(finding.file || ''));
      const item = el('li', { class: 'finding ' + (finding.severity || 'warning') }, [
        el('span', { class: 'severity', text: finding.severity || 'warning' }), ' ',
        el('span', { class: 'where', text: finding.where || '' }), finding.where ? ': ' : '',
        finding.message || '',
        finding.file ? el('small', { class: 'muted', text: ` ${baseName(finding.file)}${finding.line ? ':' + finding.line : ''}` }) : null,
      ]);
      if (model && finding.decisionId) {
        item.classList.add('clickable');
        item.addEventListener('click', () => openDecision(model.file, finding.decisionId));
      }
      return item;
    })));
  }

  // ---- start --------------------------------------------------------------------------------------------------

  async function start() {
    $('case-form').addEventListener('submit', submit);
    $('clear').addEventListener('click', () => selectTarget($('target-select').value));
    $('fill-from-json').addEventListener('click', fillFromJson);
    state.view = new window.ModelView({ canvas: $('canvas'), tableCanvas: $('table-canvas'), tabs: $('view-tabs'),
      findings: $('view-findings') });
    const [ready, models, decisions, openapi] = await Promise.all(
      [getJson('ready'), getJson('models'), getJson('decisions'), getJson('openapi.json')]);
    const modelsBody = models.body;
    state.models = Array.isArray(modelsBody) ? modelsBody : (modelsBody && modelsBody.models) || [];
    state.decisions = Array.isArray(decisions.body) ? decisions.body : [];
    state.openapi = openapi.ok ? openapi.body : null;
    renderStatus(ready, models);
    renderModels();
    renderTargets();
    if (state.models.length) await showModel(state.models[0].file);
    getJson('ui/findings').then(report => {
      if (!report.ok) {
        $('findings').replaceChildren(el('p', { class: 'bad',
          text: 'The findings could not be worked out: ' + ((report.body || {}).detail || report.status) }));
        return;
      }
      renderFindings(report.body);
      refreshView();
    });
    document.body.dataset.ready = 'true';
  }

  start().catch(error => {
    $('status').textContent = 'The page could not start: ' + error.message;
  });
})();
