// The outgoing draft form: the drafting departments and the leaders of the
// chosen issuing unit only, and the "normative" tick only for the types that may be
// normative (Nghị quyết, Quyết định). The server checks both again.
(function () {
  "use strict";
  function field(name) {
    return document.querySelector('[name="form.widgets.' + name + ':list"]') ||
      document.querySelector('[name="form.widgets.' + name + '"]');
  }
  function setup() {
    // Each widget of the form brings this script: set up once.
    if (window.dienbienOutgoingAdd) {
      return;
    }
    window.dienbienOutgoingAdd = true;
    var selects = document.querySelectorAll(".outgoing-unit-select");
    if (!selects.length) {
      return;
    }
    var unit = field("unit");
    var doctype = field("doctype");
    var normative = document.getElementById("formfield-form-widgets-normative");
    var normativeTypes = (selects[0].dataset.normativeTypes || "").split(" ");
    function showDepartments() {
      var chosen = unit ? unit.value : "";
      selects.forEach(function (select) {
        select.querySelectorAll("optgroup").forEach(function (group) {
          var mine = !chosen || group.dataset.unit === chosen;
          group.hidden = !mine;
          group.disabled = !mine;
        });
        var selected = select.selectedOptions[0];
        if (selected && selected.parentElement.disabled) {
          select.value = "";
        }
      });
    }
    function showNormative() {
      if (!normative || !doctype) {
        return;
      }
      var may = normativeTypes.indexOf(doctype.value) !== -1;
      normative.hidden = !may;
      if (!may) {
        normative.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          box.checked = false;
        });
      }
    }
    if (unit) {
      unit.addEventListener("change", showDepartments);
    }
    if (doctype) {
      doctype.addEventListener("change", showNormative);
    }
    showDepartments();
    showNormative();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
