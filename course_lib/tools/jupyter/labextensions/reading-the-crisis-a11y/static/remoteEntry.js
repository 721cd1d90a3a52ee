/* Reading the Crisis: accessibility shim, a prebuilt JupyterLab federated extension written by hand (no build step).
 *
 * ipywidgets 8 and plotly.js give no way to set ARIA attributes from Python, so this script adds the few the
 * course needs, by marker classes and plotly layout.meta that course_lib sets (see course_lib/ui.py and
 * course_lib/figure.py):
 *   - .rtc-live (a widget's own element, e.g. quiz feedback): role="status", so the element exists as an
 *     empty live region before a check and screen readers announce its new text after it;
 *   - every ipywidgets slider handle (role="slider"): an accessible name from the slider's description, and
 *     aria-valuetext from its readout ("80%" rather than the option index);
 *   - every plotly figure whose layout.meta.a11y is set (course figures): role="figure", its title as name,
 *     a description that points to its text version, and a link to that text version (the next text output,
 *     which gets an id, tabindex=-1 and the name "Text version of: <title>").
 * It runs wherever JupyterLab federated extensions load: JupyterLab, Voila (which loads the script of every
 * federated extension) and JupyterLite. It only adds attributes and one hidden link; it changes no content.
 */
(function () {
  'use strict';
  var NAME = 'reading-the-crisis-a11y';
  var HIDDEN = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;' +
    'clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap';
  var count = 0;

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function liveRegions(root) {
    root.querySelectorAll('.rtc-live').forEach(function (el) {
      setAttr(el, 'role', 'status');
      setAttr(el, 'aria-live', 'polite');
    });
  }

  function sliders(root) {
    root.querySelectorAll('.widget-slider, .jupyter-widget-slider, .widget-hslider, .widget-vslider').forEach(function (box) {
      var label = box.querySelector('.widget-label');
      var readout = box.querySelector('.widget-readout');
      box.querySelectorAll('[role="slider"]').forEach(function (handle) {
        var text = label && label.textContent.trim();
        if (text && !handle.hasAttribute('aria-labelledby')) {
          if (!label.id) label.id = 'rtc-label-' + (++count);
          setAttr(handle, 'aria-labelledby', label.id);
        }
        var value = readout && (readout.value || readout.textContent || '').trim();
        if (value) setAttr(handle, 'aria-valuetext', value);
      });
    });
  }

  function plainTitle(gd) {
    var t = gd.layout && gd.layout.title;
    var text = (t && typeof t === 'object') ? t.text : t;
    var div = document.createElement('div');
    div.innerHTML = String(text || '').replace(/<br\s*\/?>/gi, ' ');
    return div.textContent.replace(/\s+/g, ' ').trim() || 'Untitled figure';
  }

  function nextTextOutput(gd) {
    var outputs = Array.prototype.slice.call(document.querySelectorAll('.jp-OutputArea-output'));
    var own = gd.closest('.jp-OutputArea-output');
    var start = outputs.indexOf(own);
    for (var i = start + 1; start >= 0 && i < outputs.length; i++) {
      if (outputs[i].querySelector('.js-plotly-plot')) return null; // another figure comes first
      if (outputs[i].querySelector('pre')) return outputs[i];
    }
    return null;
  }

  // a text version may be folded (course_lib.fold): a closed <details>, or a closed ipywidgets Accordion
  // whose header is clicked so the kernel's widget knows it is open; the link opens it before moving there
  function unfold(twin) {
    twin.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; });
    twin.querySelectorAll('.jupyter-widget-Collapse').forEach(function (c) {
      var header = c.querySelector('.jupyter-widget-Collapse-header');
      if (header && !c.classList.contains('jupyter-widget-Collapse-open')) header.click();
    });
  }

  function figures(root) {
    root.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
      var meta = gd.layout && gd.layout.meta && gd.layout.meta.a11y;
      var state = gd.getAttribute('data-rtc-a11y');
      // only figures in a notebook output: the plotly extension also draws a hidden copy of each figure
      // straight into <body> (to cache a PNG of it) and removes it afterwards
      if (!meta || state === 'linked' || !gd.closest('.jp-OutputArea-output')) return;
      var title = plainTitle(gd);
      if (!gd.id) gd.id = 'rtc-figure-' + (++count);
      if (state !== 'named') {
        setAttr(gd, 'role', 'figure');
        setAttr(gd, 'aria-label', title);
        var desc = document.createElement('span');
        desc.id = gd.id + '-desc';
        desc.className = 'rtc-figure-desc';
        desc.style.cssText = HIDDEN;
        desc.textContent = meta.description || '';
        gd.parentNode.insertBefore(desc, gd.nextSibling);
        setAttr(gd, 'aria-describedby', desc.id);
        gd.setAttribute('data-rtc-a11y', 'named');
      }
      // the text version is the next output; in JupyterLab it appears only when the next cell has run
      var twin = nextTextOutput(gd);
      if (!twin) return;
      if (!twin.id) twin.id = gd.id + '-text';
      setAttr(twin, 'tabindex', '-1');
      setAttr(twin, 'role', 'region');
      setAttr(twin, 'aria-label', 'Text version of: ' + title);
      var link = document.createElement('a');
      link.href = '#' + twin.id;
      link.className = 'rtc-twin-link';
      link.textContent = 'Go to the text version of this figure';
      link.addEventListener('click', function (ev) { ev.preventDefault(); unfold(twin); twin.focus(); twin.scrollIntoView(); });
      var after = document.getElementById(gd.id + '-desc') || gd;
      after.parentNode.insertBefore(link, after.nextSibling);
      gd.setAttribute('data-rtc-a11y', 'linked');
    });
  }

  var pending = false;
  function run() {
    pending = false;
    liveRegions(document);
    sliders(document);
    figures(document);
  }
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(run); }
  }

  // Layout for what this script adds, in every front end (JupyterLab, Voila, JupyterLite):
  //  - the link to a figure's text version goes on its own line under the figure, not beside it (it is
  //    inserted into the output's flex row);
  //  - a course figure keeps the height plotly draws it at: once the plotly extension resizes a "responsive"
  //    figure its container is "100%" of an output with no height of its own, and the chart was cut to the
  //    height of the link beside it (30 px in JupyterLab). The first of plotly's stacked SVG layers stays in
  //    the flow, so the output is as tall as the chart.
  var CSS = '.jp-OutputArea-output.js-plotly-plot .svg-container > svg.main-svg:first-child' +
    ' { position: relative !important; }\n' +
    '.jp-OutputArea-child > a.rtc-twin-link { display: table-caption; caption-side: bottom; padding: 4px 0;' +
    ' flex: 0 0 100%; }\n' +
    '.jp-OutputArea-child:has(> a.rtc-twin-link) { flex-wrap: wrap; }\n';

  function addStyle() {
    if (document.getElementById('rtc-a11y-style')) return;
    var style = document.createElement('style');
    style.id = 'rtc-a11y-style';
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  if (!window.__rtcA11y) {
    window.__rtcA11y = true;
    var start = function () {
      addStyle();
      new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, characterData: true});
      document.addEventListener('plotly_afterplot', schedule, true);
      window.setInterval(schedule, 1000); // plotly attaches layout after drawing; cheap when nothing changed
      schedule();
    };
    if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
  }

  // the federated-extension container JupyterLab (and Voila, JupyterLite) expect: one plugin that does nothing
  // more (the work above starts when this script loads)
  var plugin = {id: NAME + ':plugin', autoStart: true, activate: function () {}};
  var scope = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  scope[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (module !== './extension') return Promise.reject(new Error(NAME + ' has no module ' + module));
      return Promise.resolve(function () { return {__esModule: true, default: [plugin]}; });
    }
  };
})();
