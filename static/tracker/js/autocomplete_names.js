// Django's autocompletes (Select2) name their box after the text it shows: with nothing chosen
// a screen reader hears a box without a name. Each box is named as its select is: by the
// select's aria-label (a table's cell) or its field's label.
'use strict';
{
  function nameOf(select) {
    const label = select.getAttribute('aria-label') || (select.labels[0] || {}).textContent;
    return (label || '').trim().replace(/:$/, '');
  }

  function nameBoxes() {
    for (const select of document.querySelectorAll('select.admin-autocomplete')) {
      const box = select.nextElementSibling;  // where Select2 puts its own
      const name = nameOf(select);
      if (box && box.classList.contains('select2') && name) {
        for (const shown of box.querySelectorAll('.select2-selection__rendered')) {
          shown.setAttribute('aria-label', name);
        }
      }
    }
  }

  // After Django's autocomplete.js has drawn the boxes (when the page is ready, as it does),
  // and when a row is added.
  django.jQuery(() => setTimeout(nameBoxes));
  document.addEventListener('formset:added', () => setTimeout(nameBoxes));
}
