// What a learner would see go wrong on this screen: run in the page by tests/browser/test_layout.py.
// Returns overflow past the main column, text cut by its box, text below a size, overlapping chart
// parts and metric values that shrank. Sizes are CSS px as drawn (SVG text times its scale).
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const block = main.querySelector('[data-testid="stMainBlockContainer"]') || main;
  const box = block.getBoundingClientRect();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && parseFloat(cs.opacity || '1') > 0.05;
  };
  const name = (el) => {
    const tid = el.closest('[data-testid]');
    const key = el.closest('[class*="st-key-"]');
    const k = key ? [...key.classList].find(c => c.startsWith('st-key-')) : '';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `${tid ? tid.getAttribute('data-testid') : el.tagName}${k ? ' ' + k : ''}: ${text}`;
  };
  // A part not shown, or a copy for screen readers only (KaTeX's MathML, clipped to 1 px).
  const hiddenTab = (el) => !!el.closest('[role="tabpanel"][hidden], .katex-mathml');
  const hasText = (el) => (el.textContent || '').replace(/[\s\u200b]/g, '').length > 0;
  // Where an element's drawing stops: the nearest ancestor (below the main block) that does not let
  // it spill. A sideways scroller (overflow-x auto or scroll: a chart grid, a diagram, a tab bar)
  // shows the rest on a swipe; any other clipping ancestor cuts what lies outside it.
  // Sideways scrolling is deliberate only for a chart grid, a diagram, a numbered heatmap of the
  // step-through, a data grid or the tab bar; anything else (an equation, a table of text) must fit.
  const SCROLLS_OK = '[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"], [data-testid="stDataFrame"], ' +
    '[role="tablist"], [class*="_step_strips"], [class*="_step_timeline"]';
  const scrollOk = (a) => !!a.closest(SCROLLS_OK) || !!a.querySelector(':scope > [role="tablist"], :scope > div > [role="tablist"]');
  // How an element's drawing ends below the main block: 'scroll' inside a sideways scroller
  // (overflow-x auto or scroll: a chart grid, a diagram, a tab bar: the rest shows on a swipe),
  // 'cut' when a clipping ancestor hides part of it, null when nothing stops it.
  const clipping = (el, r) => {
    for (let a = el.parentElement; a && a !== block; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll') return 'scroll';
      if ((ox === 'hidden' || ox === 'clip') && past(r, a.getBoundingClientRect())) return 'cut';
    }
    return null;
  };
  const past = (r, c) => r.right > c.right + 3 || r.left < c.left - 3;

  // 1. Anything drawn past the main column's edges (outermost offenders only), and
  // 2. text cut: drawn past a clipping box, or shortened with an ellipsis.
  const overflow = [];
  const cut = [];
  const leaves = [...block.querySelectorAll('*')].filter(el => !el.closest('svg') || el.tagName.toLowerCase() === 'text');
  for (const el of leaves) {
    if (hiddenTab(el) || !visible(el) || el.closest('[data-testid="stElementToolbar"]')) continue;
    const box0 = el.getBoundingClientRect();
    const leaf = (el.children.length === 0 || el.tagName.toLowerCase() === 'text') && hasText(el);
    // A line that does not wrap can run past its own box (a one-line label in a box that cuts it
    // with an ellipsis its block child never shows): where its text ends is what counts.
    // SVG text has no CSS box (Chromium reports a scroll width for it all the same, the width of its
    // lines laid end to end): its drawn box is what counts.
    const svgText = el.tagName.toLowerCase() === 'text';
    const ownX = svgText ? 'visible' : getComputedStyle(el).overflowX;
    const spill = leaf && !svgText && ownX !== 'auto' && ownX !== 'scroll' && el.scrollWidth > el.clientWidth + 2;
    const r = spill ? {left: box0.left, right: box0.left + el.scrollWidth} : box0;
    if (!leaf && !past(r, box)) continue;
    const clip = spill && (ownX === 'hidden' || ownX === 'clip') ? 'cut' : clipping(el, r);
    const onScreen = r.right > box.left && r.left < box.right;  // wholly outside: only mainOverflow counts
    if (past(r, box) && onScreen && clip === null && !overflow.some(o => o.el.contains(el)))
      overflow.push({el, right: Math.round(r.right)});
    if (!leaf) continue;
    const text = el.textContent.trim();
    if (clip === 'cut') cut.push(name(el));
    else if (text.endsWith('…') && el.closest('[data-testid="stVegaLiteChart"], .js-plotly-plot')) cut.push(name(el));
    else if (el.tagName.toLowerCase() !== 'text' && getComputedStyle(el).textOverflow === 'ellipsis'
             && el.scrollWidth > el.clientWidth + 2) cut.push(name(el));
  }
  // 2b. Boxes that scroll sideways although they are not meant to.
  const sideways = [];
  for (const a of block.querySelectorAll('*')) {
    if (hiddenTab(a) || !visible(a)) continue;
    const ox = getComputedStyle(a).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && a.scrollWidth > a.clientWidth + 2 && !scrollOk(a))
      if (!sideways.some(o => o.contains(a))) sideways.push(a);
  }
  // 3. DOM text sizes (every visible text node's element).
  const domSizes = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!node.textContent.replace(/[\s\u200b]/g, '') || !el || el.closest('svg') || hiddenTab(el) || !visible(el)) continue;
    if (el.closest('.katex .msupsub, .katex .mfrac .mfrac, .katex-html .sizing')) continue;  // math scripts are meant smaller
    domSizes.push({size: Math.round(parseFloat(getComputedStyle(el).fontSize) * 10) / 10, text: name(el)});
  }
  // 4. Chart text as drawn: SVG text size times the SVG's scale on screen.
  const chartSizes = [];
  const canvases = block.querySelectorAll('[data-testid="stVegaLiteChart"] canvas').length;
  for (const t of block.querySelectorAll(
    '[data-testid="stPlotlyChart"] svg text, [data-testid="stVegaLiteChart"] svg text, [data-testid="stGraphVizChart"] svg text')) {
    if (!t.textContent.trim() || hiddenTab(t)) continue;
    const r = t.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const ctm = t.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    const chart = t.closest('[data-testid]').getAttribute('data-testid');
    chartSizes.push({size: Math.round(size * 10) / 10, text: `${chart}: ${t.textContent.trim().slice(0, 30)}`});
  }
  // 5. Plotly: a legend over the title, or over the plot's data area.
  const overlaps = [];
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const plot of block.querySelectorAll('.js-plotly-plot')) {
    if (hiddenTab(plot)) continue;
    const legend = plot.querySelector('g.legend');
    const title = plot.querySelector('.g-gtitle text, text.gtitle');
    const lr = legend && legend.getBoundingClientRect();
    if (lr && lr.width > 0 && title && title.textContent.trim() && meet(lr, title.getBoundingClientRect()))
      overlaps.push(`legend over title: ${title.textContent.trim().slice(0, 40)}`);
    for (const ann of plot.querySelectorAll('.annotation-text')) {
      if (lr && lr.width > 0 && meet(lr, ann.getBoundingClientRect()))
        overlaps.push(`legend over annotation: ${ann.textContent.trim().slice(0, 40)}`);
    }
  }
  // 6. Metric values: never smaller than their label, never cut.
  const metrics = [];
  for (const v of block.querySelectorAll('[data-testid="stMetricValue"]')) {
    if (hiddenTab(v) || !visible(v)) continue;
    const inner = v.querySelector('div, p') || v;
    const label = v.parentElement.querySelector('[data-testid="stMetricLabel"]');
    metrics.push({
      value: v.textContent.trim().slice(0, 30),
      size: parseFloat(getComputedStyle(inner).fontSize),
      label: label ? parseFloat(getComputedStyle(label.querySelector('p') || label).fontSize) : 0,
      cut: inner.scrollWidth > inner.clientWidth + 2,
    });
  }
  const unique = (xs) => {  // one entry per size and text, at most 20
    const seen = new Set();
    return xs.filter(x => { const k = `${x.size} ${x.text}`; if (seen.has(k)) return false; seen.add(k); return true; }).slice(0, 20);
  };
  const min = (xs) => xs.length ? Math.min(...xs.map(x => x.size)) : null;
  return {
    width: Math.round(box.width),
    mainOverflow: main.scrollWidth - main.clientWidth,
    overflow: overflow.slice(0, 12).map(o => `${name(o.el)} (to ${o.right}px)`),
    sideways: sideways.slice(0, 12).map(a => `${name(a)} (${a.scrollWidth}px in ${a.clientWidth}px)`),
    cut: [...new Set(cut)].slice(0, 12),
    domMin: min(domSizes),
    domAll: unique(domSizes.filter(d => d.size < 16).sort((a, b) => a.size - b.size)).map(d => `${d.size}px ${d.text}`),
    chartMin: min(chartSizes),
    chartAll: unique(chartSizes.filter(c => c.size < 14).sort((a, b) => a.size - b.size)).map(c => `${c.size}px ${c.text}`),
    vegaCanvases: canvases,
    overlaps,
    metrics,
  };
}
