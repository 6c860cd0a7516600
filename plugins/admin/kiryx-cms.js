/* Kiryx: ELOT 743 slug (port of kiryx/greek.py) written into the hidden `slug` field
   before Decap computes the file name (`slug: "{{fields.slug}}"`), and given to uploaded files; the few phrases
   Decap's Greek interface lacks. */
(function () {
  var L = {'α':'a','β':'v','γ':'g','δ':'d','ε':'e','ζ':'z','η':'i','θ':'th','ι':'i','κ':'k','λ':'l',
    'μ':'m','ν':'n','ξ':'x','ο':'o','π':'p','ρ':'r','σ':'s','ς':'s','τ':'t','υ':'y','φ':'f','χ':'ch',
    'ψ':'ps','ω':'o'};
  var DI = {'γγ':'ng','γκ':'gk','γξ':'nx','γχ':'nch','ου':'ou'};
  var VOICED = 'αεηιουωβγδζλμνρ';
  function letters(text) {
    var out = [];
    Array.from(text.toLowerCase().normalize('NFD')).forEach(function (ch) {
      if (/\p{M}/u.test(ch)) {
        if (out.length) {
          var last = out[out.length - 1];
          if (ch === '\u0308') last[2] = true; else last[1] = true;
        }
      } else out.push([ch, false, false]);
    });
    return out;
  }
  function transliterate(text) {
    var l = letters(text), out = '', i = 0;
    while (i < l.length) {
      var c = l[i][0], acc = l[i][1], nx = l[i + 1];
      if (nx && 'αεη'.indexOf(c) >= 0 && nx[0] === 'υ' && !nx[2] && !acc) {
        var after = l[i + 2] ? l[i + 2][0] : '';
        out += L[c] + (after && VOICED.indexOf(after) >= 0 ? 'v' : 'f'); i += 2; continue;
      }
      if (nx && !nx[2] && DI[c + nx[0]] && !(c === 'ο' && acc)) { out += DI[c + nx[0]]; i += 2; continue; }
      out += L[c] || c; i += 1;
    }
    return out;
  }
  function slugify(text) {
    return transliterate(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x00-\x7f]/g, '-')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }
  window.kiryxSlugify = slugify;
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      var entry = args.entry, data = entry.get('data');
      // Only new files get a slug: renaming/re-slugging a published item would change its URL. A new file's
      // slug is always its own title's («Διπλότυπο» copies the original's hidden slug with everything else).
      if (!entry.get('newRecord')) return data;
      return data.set('slug', slugify(data.get('title') || ''));
    },
  });
  // Uploads are named by ELOT 743 too, before Decap sees them: Decap's own ASCII clean-up turns a Greek name
  // («πλατεία.jpg») into '.jpg', so two such photos would overwrite each other. The capture phase on the
  // document runs before React's listener on its root, which then reads the renamed files.
  if (typeof document !== 'undefined') document.addEventListener('change', function (event) {  // not in Node
    var input = event.target;
    if (!input || input.type !== 'file' || !input.files || !input.files.length) return;
    var files = Array.from(input.files), renamed = files.map(function (file) {
      var dot = file.name.lastIndexOf('.');
      var stem = dot > 0 ? file.name.slice(0, dot) : file.name, suffix = dot > 0 ? file.name.slice(dot) : '';
      var name = (slugify(stem) || 'arxeio') + suffix.toLowerCase();
      return name === file.name ? file : new File([file], name, {type: file.type, lastModified: file.lastModified});
    });
    if (renamed.every(function (file, i) { return file === files[i]; })) return;
    var transfer = new DataTransfer();
    renamed.forEach(function (file) { transfer.items.add(file); });
    input.files = transfer.files;
  }, true);
  // Decap's Greek phrases («gr») leave these in English («Add συνημμένα», «Rich Text», «Go back to site»).
  function merged(into, from) {
    var out = Object.assign({}, into);
    Object.keys(from).forEach(function (key) {
      out[key] = typeof from[key] === 'object' ? merged(into[key] || {}, from[key]) : from[key];
    });
    return out;
  }
  var greek = CMS.getLocale && CMS.getLocale('gr');
  if (greek) CMS.registerLocale('gr', merged(greek, {
    ui: {default: {goBackToSite: 'Επιστροφή στον ιστότοπο'}},
    editor: {editorWidgets: {
      list: {add: 'Προσθήκη: %{item}', addType: 'Προσθήκη: %{item}'},
      markdown: {richText: 'Μορφοποιημένο κείμενο', markdown: 'Markdown'},
    }},
  }));
})();
