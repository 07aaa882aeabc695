// Progressive enhancement only: the forms work without this script. It lets files be dropped
// on the drop zone, lists the chosen files, and refreshes the department suggestions (the
// <datalist>) for the chosen plan and what has been typed, from /api/v1/plans/{id}/departments.
(function () {
  "use strict";
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  function list() {
    if (!chosen || !input) { return; }
    chosen.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name;
      chosen.appendChild(item);
    });
  }
  if (drop && input) {
    input.addEventListener("change", list);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        list();
      }
    });
  }
  var plan = document.getElementById("plan");
  var department = document.getElementById("department");
  var names = document.getElementById("department-names");
  var timer = null;
  function suggest() {
    if (!plan || !plan.value || !names) { return; }
    var url = "/api/v1/plans/" + encodeURIComponent(plan.value) + "/departments?q=" +
      encodeURIComponent(department ? department.value : "");
    fetch(url).then(function (response) { return response.ok ? response.json() : []; }).then(function (found) {
      names.textContent = "";
      found.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      });
    }).catch(function () {});
  }
  if (plan) { plan.addEventListener("change", suggest); }
  if (department) {
    department.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  }
}());
