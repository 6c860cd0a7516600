// Kiryx search: Greek full text through Pagefind's JavaScript API (no framework, no inline script).
// Results show title, type, date and an excerpt with the matched words; their number is announced
// to screen readers; filters are plain checkboxes; the query stays in the address (?q=…).
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const base = form.dataset.base || "";
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

function render(items, total) {
  list.replaceChildren(...items.map((item) => {
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
    li.append(heading, meta, excerpt);
    return li;
  }));
  status.textContent = count(total) + (total > SHOWN ? ` Εμφανίζονται τα ${SHOWN} πρώτα.` : "");
}

async function start() {
  let pagefind;
  try {
    pagefind = await import(`${base}/pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: `${base}/`, excerptLength: 30 });
    await pagefind.init();
  } catch {
    status.textContent = "Η αναζήτηση δεν είναι διαθέσιμη αυτή τη στιγμή· δοκιμάστε το αρχείο ανά έτος.";
    return;
  }

  async function run() {
    const query = input.value.trim();
    const filters = chosenFilters();
    const url = new URL(location.href);
    query ? url.searchParams.set("q", query) : url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const search = await pagefind.debouncedSearch(query || null, { filters, sort: query ? undefined : { date: "desc" } }, 250);
    if (search === null) return;  // a newer search is on its way
    const items = await Promise.all(search.results.slice(0, SHOWN).map((result) => result.data()));
    render(items, search.results.length);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  form.addEventListener("change", run);
  const asked = new URL(location.href).searchParams.get("q");
  if (asked && !input.value) input.value = asked;  // never overwrite what was typed while Pagefind loaded
  if (input.value) run();
}

start();
