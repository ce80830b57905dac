/* The desk's add form: once the clerk has chosen a procedure (pat-select2
 * over @@procedure-choices), show what it fixes and fill the form from it
 * (@@dossier-prefill): the channels it is offered on, the fee of the chosen
 * channel, the handling unit, the appointment and the papers to tick. */
(function () {
  "use strict";

  let prefill = null;

  function byId(id) {
    return document.getElementById(id);
  }

  function show(name, text) {
    const slot = document.querySelector(`#dossier-prefill [data-prefill="${name}"]`);
    if (slot) {
      slot.textContent = text || "";
    }
  }

  function offered() {
    const select = byId("form-widgets-channel");
    if (!prefill || !select) {
      return null;
    }
    return prefill.channels.find((channel) => channel.token === select.value) || null;
  }

  // The chosen channel's terms: its fee in the form, its time and
  // appointment in the panel.
  function applyChannel(setFee) {
    const channel = offered();
    if (!channel) {
      return;
    }
    const fee = byId("form-widgets-fee");
    if (fee && setFee) {
      fee.value = String(channel.fee);
    }
    show("time", channel.time);
    show("fee", channel.fee_text);
    show("appointment", channel.appointment);
  }

  // Only the channels the procedure is offered on can be chosen.
  function limitChannels() {
    const select = byId("form-widgets-channel");
    if (!select) {
      return;
    }
    const tokens = prefill.channels.map((channel) => channel.token);
    for (const option of select.options) {
      option.disabled = option.value !== "" && !tokens.includes(option.value);
    }
    if (!tokens.includes(select.value) && tokens.length) {
      select.value = tokens[0];
    }
  }

  function apply(data, fresh) {
    prefill = data;
    const panel = byId("dossier-prefill");
    panel.hidden = false;
    show("title", data.title);
    show("unit", data.unit.title);
    show("received", data.received);
    limitChannels();
    applyChannel(fresh);
    const unit = byId("form-widgets-handling_unit");
    if (fresh && unit && data.unit.code) {
      unit.value = data.unit.code;
    }
    const papers = byId("dossier-papers");
    if (fresh && papers && data.papers_html) {
      papers.outerHTML = data.papers_html;
    }
  }

  function clear() {
    prefill = null;
    const panel = byId("dossier-prefill");
    if (panel) {
      panel.hidden = true;
    }
  }

  async function choose(code) {
    const panel = byId("dossier-prefill");
    if (!code || !panel) {
      clear();
      return;
    }
    const url = `${panel.dataset.url}?procedure=${encodeURIComponent(code)}`;
    const response = await fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) {
      clear();
      return;
    }
    apply(await response.json(), true);
  }

  document.addEventListener(
    "change",
    (event) => {
      const target = event.target;
      if (target.id === "form-widgets-procedure") {
        choose(target.value.split(";")[0]);
      } else if (target.id === "form-widgets-channel") {
        applyChannel(true);
      }
    },
    true,
  );

  // Shown again after a failed save: the terms as the server rendered
  // them, the papers as the clerk left them.
  function restore() {
    const data = document.querySelector('#dossier-prefill [data-prefill="data"]');
    if (data) {
      apply(JSON.parse(data.textContent), false);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
