// Kiryx search: Greek full text through Pagefind's JavaScript API (no framework, no inline script).
// Results show title, type, date and an excerpt with the matched words; their number is announced
// to screen readers; filters are plain checkboxes; the query stays in the address (?q=…). Twenty at a time:
// «Περισσότερα αποτελέσματα» adds the next twenty and moves the focus to the first of them.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const base = form.dataset.base || "";
// The site's search indexes, newest first (plugins/search): searched as one, the first being Pagefind's primary.
const indexes = (form.dataset.indexes || "").split(" ").filter(Boolean);
const filtersBox = document.getElementById("search-filters");
if (matchMedia("(min-width: 48rem)").matches) filtersBox.open = true;  // on phones the results come first
const SHOWN = 20;

const count = (n) => n === 1 ? "Βρέθηκε 1 αποτέλεσμα." : `Βρέθηκαν ${n} αποτελέσματα.`;

function chosenFilters() {
  const filters = {};
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    (filters[box.name] ??= { any: [] }).any.push(box.value);
  }
  return filters;
}

function entries(items) {
  return items.map((item) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    const heading = document.createElement("h2");
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "search-meta";
    meta.textContent = [item.meta.type, item.meta.date].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    excerpt.innerHTML = item.excerpt;  // Pagefind escapes the text and marks the matched words with <mark>
    if (item.meta.lang) link.lang = excerpt.lang = item.meta.lang;  // an item in another language (WCAG 3.1.2)
    li.append(heading, meta, excerpt);
    return li;
  });
}

let found = [];  // the results of the search shown, in order
let shownFor = null;  // the query and filters they were found for
let ready = null;  // the search, once Pagefind has loaded (on a slow connection, seconds after the page)

// From the first moment: Enter or the button before Pagefind is ready must not send the form (a reload that drops
// the focus and starts the loading again); the reader is told it is loading, and the search runs when it is ready.
const loading = () => { if (!ready) status.textContent = "Φόρτωση της αναζήτησης…"; };
form.addEventListener("submit", (event) => { event.preventDefault(); ready ? ready() : loading(); });
input.addEventListener("input", loading);

async function show(from) {
  const asked = found;
  const items = await Promise.all(found.slice(from, from + SHOWN).map((result) => result.data()));
  if (asked !== found) return [];  // another search was made meanwhile: its results are shown, not these
  const added = entries(items);
  from ? list.append(...added) : list.replaceChildren(...added);
  const shown = list.children.length;
  status.textContent = count(found.length) + (found.length > shown ? ` Εμφανίζονται τα ${shown} πρώτα.` : "");
  more.hidden = shown >= found.length;
  return added;
}

let adding = false;  // the next twenty are loading: a second click (a double tap on a slow phone) adds nothing
more.addEventListener("click", async () => {
  if (adding) return;
  adding = true;
  try {
    const added = await show(list.children.length);
    added[0]?.querySelector("a").focus();  // where the reader goes on: the first of the new ones
  } finally {
    adding = false;
  }
});

// Without words, newest first. Pagefind orders the results of several indexes by score, and a search sorted by date
// scores each result by its place in its own index: results of different indexes would interleave. An index holds
// whole years, so each year is searched on its own, newest first, and the static pages (no year) last.
async function inDateOrder(pagefind, filters) {
  const years = filters.year?.any ?? [...form.querySelectorAll("input[name=year]")].map((box) => box.value);
  const sorted = { sort: { date: "desc" } };
  const searches = [...years].sort((a, b) => b - a).map((year) =>
    pagefind.search(null, { ...sorted, filters: { ...filters, year: { any: [year] } } }));
  if (!filters.year) searches.push(pagefind.search(null, { ...sorted, filters: { ...filters, year: { none: years } } }));
  return (await Promise.all(searches)).flatMap((search) => search.results);
}

async function start() {
  let pagefind;
  try {
    pagefind = await import(`${base}/${indexes[0]}/pagefind.js`);
    const options = { baseUrl: `${base}/`, excerptLength: 30 };
    await pagefind.options(options);
    await Promise.all(indexes.slice(1).map((folder) => pagefind.mergeIndex(`${base}/${folder}/`, options)));
    await pagefind.init();
  } catch {
    status.textContent = "Η αναζήτηση δεν είναι διαθέσιμη αυτή τη στιγμή· δοκιμάστε το αρχείο ανά έτος.";
    return;
  }

  let latest = 0;  // the last search asked: one still on its way when another is asked is dropped when it comes
  async function run() {
    const mine = ++latest;
    const query = input.value.trim();
    const filters = chosenFilters();
    const asked = JSON.stringify([query, filters]);
    const url = new URL(location.href);
    query ? url.searchParams.set("q", query) : url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (asked === shownFor) return;  // what is shown (and how many of it) answers it: a typo undone, a box unchecked
    if (!query && !Object.keys(filters).length) {
      found = [];
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      shownFor = asked;
      return;
    }
    const search = query ? await pagefind.debouncedSearch(query, { filters }, 250) : null;
    if (query && search === null || mine !== latest) return;  // a newer search was asked meanwhile
    const results = query ? search.results : await inDateOrder(pagefind, filters);
    if (mine !== latest) return;
    found = results;
    shownFor = asked;
    await show(0);
  }

  ready = run;
  input.addEventListener("input", run);
  // the filters' boxes; not the search box's own «change» when it loses the focus (to «Περισσότερα αποτελέσματα»,
  // or to the first of the next twenty), which searched again and took the results back to the first twenty
  form.addEventListener("change", (event) => event.target === input || run());
  const asked = new URL(location.href).searchParams.get("q");
  if (asked && !input.value) input.value = asked;  // never overwrite what was typed while Pagefind loaded
  if (input.value || Object.keys(chosenFilters()).length) run();  // what was typed or checked meanwhile
  else status.textContent = "";
}

start();
