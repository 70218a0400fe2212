// The finder's review screen from the keyboard: j and k move between statements, a accepts,
// s skips, e opens the row's fields to edit; Escape leaves a field for its row. Without this
// script every row is a plain form row, with the same checkbox and fields.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("[data-candidate]"));
  const status = document.getElementById("candidate-status");
  if (!rows.length) {
    return;
  }
  let current = -1;

  function describe(row) {
    const accepted = row.querySelector("input[type=checkbox]").checked;
    return `Statement ${rows.indexOf(row) + 1} of ${rows.length}: ${accepted ? "accepted" : "skipped"}.`;
  }

  function show(row) {
    row.classList.toggle("skipped", !row.querySelector("input[type=checkbox]").checked);
    if (status) {
      status.textContent = describe(row);
    }
  }

  function select(index) {
    if (index < 0 || index >= rows.length) {
      return;
    }
    if (current >= 0) {
      rows[current].classList.remove("current");
    }
    current = index;
    const row = rows[current];
    row.classList.add("current");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
    show(row);
  }

  function accept(row, yes) {
    row.querySelector("input[type=checkbox]").checked = yes;
    show(row);
  }

  function edit(row) {
    const details = row.querySelector("details.edit");
    if (details) {
      details.open = true;
      const field = details.querySelector("textarea, input, select");
      if (field) {
        field.focus();
      }
    }
  }

  rows.forEach((row, index) => {
    row.tabIndex = -1;
    row.addEventListener("focusin", () => {
      if (current !== index) {
        select(index);
      }
    });
    row.querySelector("input[type=checkbox]").addEventListener("change", () => show(row));
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const inField = event.target.closest("input, select, textarea, button, summary");
    if (inField) {
      if (event.key === "Escape" && current >= 0) {
        rows[current].focus();
      }
      return;
    }
    const row = rows[current];
    const actions = {
      j: () => select(current + 1),
      k: () => select(Math.max(current - 1, 0)),
      a: () => row && (accept(row, true), select(current + 1)),
      s: () => row && (accept(row, false), select(current + 1)),
      e: () => row && edit(row),
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });
})();
