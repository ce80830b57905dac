// The outgoing draft form: the drafting departments of the chosen issuing
// unit only, and the "normative" tick only for the types that may be
// normative (Nghị quyết, Quyết định). The server checks both again.
(function () {
  "use strict";
  function field(name) {
    return document.querySelector('[name="form.widgets.' + name + ':list"]') ||
      document.querySelector('[name="form.widgets.' + name + '"]');
  }
  function setup() {
    var department = document.querySelector(".outgoing-department-select");
    if (!department) {
      return;
    }
    var unit = field("unit");
    var doctype = field("doctype");
    var normative = document.getElementById("formfield-form-widgets-normative");
    var normativeTypes = (department.dataset.normativeTypes || "").split(" ");
    function showDepartments() {
      var chosen = unit ? unit.value : "";
      department.querySelectorAll("optgroup").forEach(function (group) {
        var mine = !chosen || group.dataset.unit === chosen;
        group.hidden = !mine;
        group.disabled = !mine;
      });
      var selected = department.selectedOptions[0];
      if (selected && selected.parentElement.disabled) {
        department.value = "";
      }
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
