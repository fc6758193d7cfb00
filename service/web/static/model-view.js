// One model in the dmn-js viewer: its diagram and its tables, with the rules a case matched highlighted and the
// findings marked. dmn-js 17 draws the table of a decision but not the table of a business knowledge model (its
// boxed expression view says "not supported"): such a table is drawn by a second dmn-js viewer, from a document
// holding that table alone, with its rule ids, as the decision of the same id and name.
'use strict';

(function (global) {
  const { el } = global.CaseForm;

  function localChildren(node, name) {
    return [...node.getElementsByTagName('*')].filter(child => child.localName === name);
  }

  // the element (decision or business knowledge model) that holds a table's rule
  function ownerOf(rule) {
    for (let node = rule.parentElement; node; node = node.parentElement) {
      if (node.localName === 'decision' || node.localName === 'businessKnowledgeModel') return node;
    }
    return null;
  }

  function escapeXml(value) {
    return String(value).replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
  }

  class ModelView {
    // parts: {canvas, tableCanvas, tabs, findings} elements; onOpen(view) after a view opens
    constructor(parts) {
      this.parts = parts;
      this.viewer = new global.DmnJS({ container: parts.canvas });
      this.tableViewer = null;
      this.file = null;
      this.fitted = null;
      this.document = null;    // the model's XML, parsed
      this.owners = new Map(); // rule id -> {id, name} of the decision or knowledge model holding it
      this.answer = null;      // {decisions: Set of ids, rules: Set of rule ids}
      this.findings = [];
      this.markers = [];
      this.bkmTable = null;    // the id of the knowledge model whose table tableViewer shows
      this.viewer.on('views.changed', ({ views, activeView }) => this.changed(views, activeView));
    }

    async show(file, xml) {
      if (this.file === file) return;
      this.file = file;
      this.fitted = null;
      this.markers = [];
      this.document = new DOMParser().parseFromString(xml, 'application/xml');
      this.owners = new Map();
      for (const rule of localChildren(this.document, 'rule')) {
        const owner = ownerOf(rule);
        if (owner) this.owners.set(rule.getAttribute('id'), { id: owner.getAttribute('id'), name: owner.getAttribute('name') });
      }
      try {
        await this.viewer.importXML(xml);
      } catch (error) {
        this.parts.canvas.prepend(el('p', { class: 'bad', text: 'The viewer cannot show this model: ' + error.message }));
      }
    }

    views() {
      return this.viewer.getViews();
    }

    // opens the diagram, or the table or expression of a decision or knowledge model
    async open(id) {
      const view = this.views().find(v => v.element.id === id);
      if (view) await this.viewer.open(view);
      this.decorate();
      return Boolean(view);
    }

    setAnswer(answer) {
      this.answer = answer;
      this.renderTabs(this.views(), this.viewer.getActiveView());
      this.decorate();
    }

    setFindings(findings) {
      this.findings = findings;
      this.decorate();
    }

    isBkmTable(view) {
      const logic = view && view.type !== 'drd' && view.element.encapsulatedLogic;
      return Boolean(logic && logic.body && logic.body.$type === 'dmn:DecisionTable');
    }

    async changed(views, activeView) {
      const table = this.isBkmTable(activeView);
      this.parts.canvas.hidden = table;
      this.parts.tableCanvas.hidden = !table;
      this.parts.canvas.classList.toggle('expression-view', Boolean(activeView && activeView.type !== 'drd'));
      if (activeView && activeView.type === 'drd' && this.fitted !== this.file) {
        this.fitted = this.file;  // the whole diagram once per model; then as the user zooms it
        setTimeout(() => this.viewer.getActiveViewer().get('canvas').zoom('fit-viewport', 'auto'), 0);
      }
      this.renderTabs(views, activeView);
      if (table) await this.showBkmTable(activeView.element);
      setTimeout(() => this.decorate(), 0);
    }

    // the knowledge model's table as the only decision of a document of its own
    async showBkmTable(bkm) {
      if (this.bkmTable === bkm.id + '@' + this.file) return;
      const source = this.document.querySelector(`[id="${CSS.escape(bkm.id)}"]`);
      const table = source && localChildren(source, 'decisionTable')[0];
      if (!table) return;
      const namespace = this.document.documentElement.namespaceURI;
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="${escapeXml(namespace)}" `
        + `id="table_of_${escapeXml(bkm.id)}" name="${escapeXml(bkm.name || bkm.id)}" namespace="urn:table">`
        + `<decision id="${escapeXml(bkm.id)}" name="${escapeXml(bkm.name || bkm.id)}">`
        + new XMLSerializer().serializeToString(table) + '</decision></definitions>';
      if (!this.tableViewer) this.tableViewer = new global.DmnJS({ container: this.parts.tableCanvas });
      this.bkmTable = bkm.id + '@' + this.file;
      await this.tableViewer.importXML(xml);
    }

    renderTabs(views, activeView) {
      this.parts.tabs.replaceChildren(...views.map(view => {
        const label = view.type === 'drd' ? 'Diagram' : view.element.name || view.element.id;
        const button = el('button', { type: 'button', role: 'tab', class: view === activeView ? 'active' : '',
          'aria-selected': view === activeView ? 'true' : 'false', 'data-view': view.element.id, text: label });
        if (view.type !== 'drd' && this.reached(view.element.id)) button.classList.add('evaluated');
        button.addEventListener('click', () => this.viewer.open(view).then(() => this.decorate()));
        return button;
      }));
    }

    // a decision the case evaluated, or a table one of whose rules it matched
    reached(id) {
      if (!this.answer) return false;
      if (this.answer.decisions.has(id)) return true;
      for (const rule of this.answer.rules) if ((this.owners.get(rule) || {}).id === id) return true;
      return false;
    }

    // the answer's decisions and rules, and the findings, drawn on the open view
    decorate() {
      const view = this.viewer.getActiveView();
      if (!view) return;
      const here = view.type === 'drd' ? [] : this.findings.filter(f => f.decisionId === view.element.id);
      this.parts.findings.replaceChildren(...here.map(f => el('li', { class: 'finding ' + (f.severity || 'warning') }, [
        el('span', { class: 'severity', text: f.severity || 'warning' }), ' ', f.where ? f.where + ': ' : '', f.message || ''])));
      if (view.type === 'drd') {
        this.decorateDiagram(this.viewer.getActiveViewer());
        return;
      }
      const container = this.isBkmTable(view) ? this.parts.tableCanvas : this.parts.canvas;
      for (const row of container.querySelectorAll('tr.matched-rule, tr.finding-error, tr.finding-warning')) {
        row.classList.remove('matched-rule', 'finding-error', 'finding-warning');
        row.removeAttribute('title');
      }
      for (const rule of (this.answer && this.answer.rules) || []) {
        for (const row of ruleRows(container, rule)) row.classList.add('matched-rule');
      }
      for (const finding of here.filter(f => f.ruleId)) {
        for (const row of ruleRows(container, finding.ruleId)) {
          row.classList.add('finding-' + (finding.severity || 'warning'));
          row.title = [row.title, finding.message].filter(Boolean).join('\n');
        }
      }
    }

    decorateDiagram(active) {
      const canvas = active.get('canvas');
      const registry = active.get('elementRegistry');
      for (const [id, marker] of this.markers) if (registry.get(id)) canvas.removeMarker(id, marker);
      this.markers = [];
      const mark = (id, marker) => {
        if (id && registry.get(id)) { canvas.addMarker(id, marker); this.markers.push([id, marker]); }
      };
      if (this.answer) {
        for (const id of this.answer.decisions) mark(id, 'evaluated');
        for (const rule of this.answer.rules) mark((this.owners.get(rule) || {}).id, 'matched');
      }
      for (const finding of this.findings) mark(finding.decisionId, 'finding-' + (finding.severity || 'warning'));
    }
  }

  // the table rows of a rule: dmn-js marks each cell of a rule with data-row-id, the rule's id
  function ruleRows(container, ruleId) {
    const rows = new Set();
    for (const cell of container.querySelectorAll(`[data-row-id="${CSS.escape(String(ruleId))}"]`)) {
      const row = cell.closest('tr');
      if (row) rows.add(row);
    }
    return rows;
  }

  global.ModelView = ModelView;
})(window);
