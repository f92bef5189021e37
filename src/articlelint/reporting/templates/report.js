/* articlelint's HTML report: draws the list of problems from the data in #report-data and
   filters it in the page. Every finding is in the data; the list shows `pageSize` problems
   at a time and `placesShown` places of each, and says how to see the rest. Text from the
   records is only ever set as textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var files = data.files, fields = data.fields, messages = data.messages;
  var providers = data.providers, problems = data.problems;
  var STRIDE = 6; // file, line, column, field, fix, message per place
  var FIX_TEXT = ["no automatic fix", "fixable with --fix", "fixable with --unsafe-fixes (check the change)"];
  var form = document.getElementById("filters");
  var list = document.getElementById("list");
  var status = document.getElementById("status");
  var more = document.getElementById("more");
  var morePage = document.getElementById("more-page");
  var moreAll = document.getElementById("more-all");
  var fileCard = document.getElementById("file-card");
  var limit = data.pageSize;
  var fmt = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); };
  var plural = function (n, word, many) { return fmt(n) + " " + (n === 1 ? word : (many || word + "s")); };

  problems.forEach(function (p, i) { p.order = i; p.total = p.p.length / STRIDE; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function state() {
    var severities = {};
    form.querySelectorAll("input[name=severity]").forEach(function (box) {
      severities[box.value] = box.checked;
    });
    return {
      rule: form.rule.value,
      severities: severities,
      provider: form.provider.value,
      month: form.month.value,
      file: form.file.value.trim().toLowerCase(),
      fix: form.fix.value,
      sort: form.sort.value
    };
  }

  function placeMatches(s, p, k) {
    var file = files[p.p[k]];
    if (s.provider) {
      var domain = file[2] < 0 ? "(none)" : providers[file[2]];
      if (domain !== s.provider) return false;
    }
    if (s.month && file[3] !== s.month) return false;
    if (s.file && file[0].toLowerCase().indexOf(s.file) < 0) return false;
    if (s.fix && String(p.p[k + 4]) !== s.fix) return false;
    return true;
  }

  /* The places of `p` that pass the filters (offsets into p.p), or null if none. */
  function matching(s, p) {
    if (s.rule && p.c !== s.rule) return null;
    if (!s.severities[p.s]) return null;
    var all = !s.provider && !s.month && !s.file && !s.fix;
    var out = [];
    for (var k = 0; k < p.p.length; k += STRIDE) {
      if (all || placeMatches(s, p, k)) out.push(k);
    }
    return out.length ? out : null;
  }

  function link(fileIndex) {
    var file = files[fileIndex];
    if (!file[1]) return el("span", "path", file[0]);
    var a = el("a", "path", file[0]);
    a.href = file[1];
    a.title = "Open the record";
    return a;
  }

  /* Text with `code` spans, as the messages write them. */
  function prose(tag, className, text) {
    var node = el(tag, className);
    text.split("`").forEach(function (part, i) {
      if (i % 2) node.appendChild(el("code", "", part));
      else if (part) node.appendChild(document.createTextNode(part));
    });
    return node;
  }

  function placeItem(p, k) {
    var li = el("li");
    li.appendChild(link(p.p[k]));
    li.appendChild(document.createTextNode(":" + p.p[k + 1] + ":" + p.p[k + 2]));
    if (p.p[k + 3] >= 0) li.appendChild(el("span", "field", " [" + fields[p.p[k + 3]] + "]"));
    if (p.p[k + 5] >= 0) li.appendChild(prose("span", "other", " " + messages[p.p[k + 5]]));
    var only = el("button", "only", "only this file");
    only.type = "button";
    only.dataset.file = files[p.p[k]][0];
    li.appendChild(only);
    return li;
  }

  function fixSummary(p, places) {
    var counts = [0, 0, 0];
    places.forEach(function (k) { counts[p.p[k + 4]] += 1; });
    var parts = [];
    if (counts[1]) parts.push((counts[1] === places.length ? "all" : fmt(counts[1])) + " fixable with --fix");
    if (counts[2]) parts.push((counts[2] === places.length ? "all" : fmt(counts[2])) + " fixable with --unsafe-fixes (check the change)");
    if (!parts.length) return { text: FIX_TEXT[0], cls: "fix" };
    return { text: parts.join(", "), cls: counts[1] ? "fix safe" : "fix" };
  }

  function card(p, places) {
    var li = el("li", "problem sev-" + p.s);
    li.dataset.code = p.c;
    li.dataset.places = String(places.length);
    var head = el("div", "head");
    var sev = el("span", "sev sev-" + p.s, p.s);
    head.appendChild(sev);
    var rule = el("a", "rule");
    rule.href = "#rule-" + p.c;
    rule.appendChild(el("code", "", p.c));
    rule.appendChild(document.createTextNode(" " + (data.rules[p.c] || "")));
    head.appendChild(rule);
    var fileCount = {};
    places.forEach(function (k) { fileCount[p.p[k]] = 1; });
    var where = plural(places.length, "place") + " in " + plural(Object.keys(fileCount).length, "file");
    if (places.length !== p.total) where += " (of " + plural(p.total, "place") + " in all)";
    head.appendChild(el("span", "count", where));
    var fix = fixSummary(p, places);
    head.appendChild(el("span", fix.cls, fix.text));
    li.appendChild(head);
    li.appendChild(prose("p", "msg", p.m));
    if (p.src) {
      var pre = el("pre", "src");
      pre.appendChild(el("span", "ln", String(p.src[0])));
      pre.appendChild(document.createTextNode(p.src[1]));
      pre.appendChild(el("mark", "", p.src[2] || " "));
      pre.appendChild(document.createTextNode(p.src[3]));
      li.appendChild(pre);
      if (p.src[4]) li.appendChild(el("p", "hint", "A long line: shown around the finding."));
    }
    var ol = el("ol", "places");
    // (One more place takes the room of the button that would show it.)
    var shown = places.length <= data.placesShown + 1 ? places.length : data.placesShown;
    for (var i = 0; i < shown; i++) ol.appendChild(placeItem(p, places[i]));
    li.appendChild(ol);
    if (places.length > shown) {
      var rest = places.length - shown;
      var all = el("button", "all-places", "Show the other " + plural(rest, "place"));
      all.type = "button";
      all.addEventListener("click", function () {
        for (var j = shown; j < places.length; j++) ol.appendChild(placeItem(p, places[j]));
        all.remove();
      });
      li.appendChild(all);
    }
    var doc = el("details", "doc");
    doc.appendChild(el("summary", "", "Why is this a problem, and what to do"));
    doc.addEventListener("toggle", function () {
      if (doc.open && doc.childNodes.length === 1) {
        var source = document.getElementById("doc-" + p.c);
        if (source) doc.appendChild(source.cloneNode(true)).removeAttribute("id");
      }
    }, { once: false });
    li.appendChild(doc);
    return li;
  }

  function sortKey(s) {
    if (s.sort === "rule") return function (a, b) { return a.p.c < b.p.c ? -1 : a.p.c > b.p.c ? 1 : b.places.length - a.places.length || a.p.order - b.p.order; };
    if (s.sort === "file") return function (a, b) { return a.p.order - b.p.order; };
    return function (a, b) { return b.places.length - a.places.length || a.p.order - b.p.order; };
  }

  function showFileCard(s) {
    fileCard.hidden = true;
    fileCard.textContent = "";
    if (!s.file) return;
    var exact = null;
    for (var i = 0; i < files.length; i++) {
      if (files[i][0].toLowerCase() === s.file) { exact = files[i]; break; }
    }
    if (!exact) return;
    var facts = [];
    if (exact[4]) facts.push("type " + exact[4]);
    if (exact[2] >= 0) facts.push("provider " + providers[exact[2]]);
    if (exact[3]) facts.push("published " + exact[3]);
    if (exact[5]) facts.push(exact[5]);
    var title = el("p");
    title.appendChild(el("strong", "", "Record "));
    title.appendChild(link(files.indexOf(exact)));
    if (facts.length) title.appendChild(document.createTextNode(" · " + facts.join(" · ")));
    fileCard.appendChild(title);
    fileCard.hidden = false;
  }

  /* The problems that pass the filters, sorted, and how many of them are drawn. */
  var current = { shown: [], findings: 0, drawn: 0, generation: 0, job: 0 };
  var BATCH = 100;

  function render() {
    var s = state();
    var shown = [];
    var findings = 0;
    problems.forEach(function (p) {
      var places = matching(s, p);
      if (places) { shown.push({ p: p, places: places }); findings += places.length; }
    });
    shown.sort(sortKey(s));
    list.textContent = "";
    current = { shown: shown, findings: findings, drawn: 0, generation: current.generation + 1, job: 0 };
    draw();
    showFileCard(s);
  }

  /* Draws the cards up to `limit`, BATCH at a time: the first at once, the rest in later
     frames, so the page stays responsive while thousands are drawn. */
  function draw() {
    var generation = current.generation, job = ++current.job;
    var target = Math.min(current.shown.length, limit);
    var step = function () {
      // Filters changed, or another draw took over, meanwhile.
      if (generation !== current.generation || job !== current.job) return;
      var stop = Math.min(target, current.drawn + BATCH);
      // One list per batch: the browser skips laying out (and painting) a batch that is
      // off screen (content-visibility), which per card would make clearing slow.
      var batch = el("ol", "problems");
      batch.start = current.drawn + 1;
      batch.style.containIntrinsicSize = "auto " + (stop - current.drawn) * 220 + "px";
      for (var i = current.drawn; i < stop; i++) {
        batch.appendChild(card(current.shown[i].p, current.shown[i].places));
      }
      list.appendChild(batch);
      current.drawn = stop;
      describe(target);
      if (stop < target) window.setTimeout(step, 0);
    };
    step();
  }

  function describe(target) {
    var shown = current.shown, count = current.drawn;
    var filtered = shown.length !== problems.length || current.findings !== data.findings;
    if (!problems.length) {
      status.textContent = "No problems: every check passed.";
      status.dataset.problems = status.dataset.findings = status.dataset.shown = "0";
      more.hidden = true;
      return;
    }
    var text = (filtered ? "Matching the filters: " : "") + plural(shown.length, "distinct problem") +
      " (" + plural(current.findings, "finding") + ")";
    if (count < target) text += "; drawing " + fmt(count) + " of " + fmt(target) + "…";
    else text += count < shown.length ? "; showing the first " + fmt(count) + "." : "; all shown.";
    status.textContent = text;
    status.dataset.problems = String(shown.length);
    status.dataset.findings = String(current.findings);
    status.dataset.shown = String(count);
    if (target < shown.length) {
      var rest = shown.length - target;
      morePage.textContent = "Show " + fmt(Math.min(rest, data.pageSize)) + " more";
      moreAll.textContent = "Show all " + plural(shown.length, "problem");
      more.hidden = false;
    } else {
      more.hidden = true;
    }
  }

  function setFilter(name, value) {
    limit = data.pageSize;
    if (name === "file") form.file.value = value;
    else {
      var select = form[name];
      if (!select || select.disabled) return;
      select.value = value;
    }
    render();
  }

  data.findings = problems.reduce(function (n, p) { return n + p.total; }, 0);
  var options = document.createDocumentFragment();
  files.forEach(function (file) { var option = document.createElement("option"); option.value = file[0]; options.appendChild(option); });
  document.getElementById("file-list").appendChild(options);

  form.addEventListener("change", function () { limit = data.pageSize; render(); });
  form.file.addEventListener("input", function () { limit = data.pageSize; render(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    form.reset();
    limit = data.pageSize;
    render();
  });
  morePage.addEventListener("click", function () { limit = current.drawn + data.pageSize; draw(); });
  moreAll.addEventListener("click", function () { limit = Infinity; draw(); });
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button.only");
    if (button) {
      setFilter("file", button.dataset.file);
      document.getElementById("problems").scrollIntoView();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-filter]");
    if (!target) return;
    event.preventDefault();
    form.reset();
    setFilter(target.dataset.filter, target.dataset.value);
    document.getElementById("problems").scrollIntoView();
  });
  render();
  if (window.performance && performance.mark) performance.mark("articlelint-ready");
  document.documentElement.dataset.ready = "true";
})();
