// The quote form's role autocomplete offers only the chosen speaker's roles: each of its
// requests to Django's autocomplete view says which speaker is chosen beside it
// (RoleAdmin.get_search_results), and choosing another speaker clears the role.
'use strict';
{
  const $ = django.jQuery;
  let openedRole = null;

  function speakerBeside(role) {
    return document.getElementById(role.id.replace(/role$/, 'speaker'));
  }

  $(document).on('select2:opening', 'select[id$="role"]', function() {
    openedRole = this;
  });

  $.ajaxPrefilter(function(options) {
    if (openedRole === null || typeof options.data !== 'string') {
      return;
    }
    const params = new URLSearchParams(options.data);
    if (params.get('field_name') !== 'role') {
      return;
    }
    const speaker = speakerBeside(openedRole);
    params.set('speaker', speaker ? speaker.value : '');
    options.data = params.toString();
  });

  $(document).on('change', 'select[id$="speaker"]', function() {
    const role = document.getElementById(this.id.replace(/speaker$/, 'role'));
    if (role && role.value) {
      $(role).val(null).trigger('change');
    }
  });
}
