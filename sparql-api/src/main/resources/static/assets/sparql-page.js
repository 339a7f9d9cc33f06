// The SPARQL query page (/sparql): examples, the editor, results as a table and download links.
// Served as a file, not inline, so that the page's Content-Security-Policy can forbid inline scripts.
const PREFIXES = `PREFIX vc:   <https://w3id.org/vivacite/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX geo:  <http://www.opengis.net/ont/geosparql#>
PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
PREFIX qb:   <http://purl.org/linked-data/cube#>
PREFIX text: <http://jena.apache.org/text#>
PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
`;
const EXAMPLES = [
  ["Consumption by district and month (open-data releases)", `# Every observation of the published cubes, with its dimensions and measures,
# read from each data set's structure: no term needs to be known in advance.
SELECT ?dataset ?observation ?property ?value WHERE {
  ?observation a qb:Observation ; qb:dataSet ?dataset .
  ?dataset qb:structure/qb:component ?component .
  { ?component qb:dimension ?property } UNION { ?component qb:measure ?property }
  ?observation ?property ?value .
}
ORDER BY ?dataset ?observation
LIMIT 200`],
  ["Fluids compared (open-data releases)", `# The measures each published data set offers, per data set.
SELECT ?dataset ?title (GROUP_CONCAT(DISTINCT STR(?measure); separator=", ") AS ?measures) WHERE {
  ?dataset a qb:DataSet ; qb:structure/qb:component/qb:measure ?measure .
  OPTIONAL { ?dataset <http://purl.org/dc/terms/title> ?title }
}
GROUP BY ?dataset ?title`],
  ["Most energy-intensive public buildings, per m² (open-data releases)", `# Public buildings are published individually; divide each one's published
# consumption by its floor area. Any cube whose observations name a building works.
SELECT ?building ?label ?area (SUM(?value) / ?area AS ?perSquareMetre) WHERE {
  ?building vc:publishIndividually true ; rdfs:label ?label ; vc:floorArea ?area .
  ?observation a qb:Observation ; qb:dataSet ?dataset ; ?dimension ?building ; ?measure ?value .
  ?dataset qb:structure/qb:component/qb:measure ?measure .
}
GROUP BY ?building ?label ?area
ORDER BY DESC(?perSquareMetre)
LIMIT 20`],
  ["Public buildings by floor area", `SELECT ?building ?label ?use ?floorArea WHERE {
  ?building a s4bldg:Building ; rdfs:label ?label ; vc:publishIndividually true ;
            vc:use ?use ; vc:floorArea ?floorArea .
}
ORDER BY DESC(?floorArea)`],
  ["Districts and their buildings", `SELECT ?commune ?district ?iris (COUNT(?building) AS ?buildings) WHERE {
  ?district a vc:District ; skos:notation ?iris ; vc:partOf/rdfs:label ?commune .
  OPTIONAL { ?building vc:partOf/vc:partOf ?district }
}
GROUP BY ?commune ?district ?iris
ORDER BY ?commune ?iris`],
  ["GeoSPARQL: buildings inside a district", `SELECT ?building ?label WHERE {
  ?district a vc:District ; skos:notation ?iris ; geo:hasGeometry/geo:asWKT ?area .
  FILTER (STRSTARTS(STR(?iris), "38185"))
  ?building a s4bldg:Building ; rdfs:label ?label ; geo:hasGeometry/geo:asWKT ?footprint .
  FILTER (geof:sfWithin(?footprint, ?area))
}
LIMIT 50`],
  ["Text search on labels", `SELECT ?place ?label WHERE {
  (?place ?score) text:query (rdfs:label "école") .
  ?place rdfs:label ?label .
}
ORDER BY DESC(?score)`],
  ["Federated: our districts beside a partner city's", `# Replace the address by a partner endpoint on this server's allow-list
# (vivacite.sparql.federation.allow); any other SERVICE is refused without a connection.
SELECT ?city ?district ?label WHERE {
  { BIND("Grenoble-Alpes Métropole" AS ?city) ?district a vc:District ; rdfs:label ?label }
  UNION
  { SERVICE <http://partner.example/sparql> { ?district a vc:District ; rdfs:label ?label } BIND("partner" AS ?city) }
}
LIMIT 100`]
];
const select = document.getElementById("examples");
EXAMPLES.forEach(([name], i) => select.add(new Option(name, i)));
const editor = document.getElementById("query");
select.onchange = () => { editor.value = PREFIXES + "\n" + EXAMPLES[select.value][1]; };
select.onchange();

// A result cell. An IRI becomes a link only when it is http(s): an IRI from the data such as
// javascript:… or data:… is shown as text, never followed.
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri" && /^https?:/i.test(term.value)) {
    const a = document.createElement("a");
    a.href = term.value;
    a.textContent = term.value;
    td.append(a);
  } else {
    td.textContent = term.value + (term["xml:lang"] ? "@" + term["xml:lang"] : "");
  }
  return td;
}

document.getElementById("run").onclick = async () => {
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  status.className = ""; status.textContent = "Running…"; results.replaceChildren();
  const started = performance.now();
  const query = editor.value;
  const isGraph = /^\s*(PREFIX[^\n]*\n\s*|#[^\n]*\n\s*)*(CONSTRUCT|DESCRIBE)/i.test(query);
  const response = await fetch(location.pathname, {
    method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": isGraph ? "text/turtle" : "application/sparql-results+json"},
    body: new URLSearchParams({query})
  });
  const body = await response.text();
  if (!response.ok) { status.className = "error"; status.textContent = response.status + ": " + body; return; }
  const downloads = document.getElementById("downloads");
  downloads.hidden = false;
  downloads.querySelectorAll("a").forEach(a =>
      a.href = location.pathname + "?" + new URLSearchParams({query, format: a.dataset.format}));
  if (isGraph) {
    const pre = document.createElement("pre"); pre.textContent = body; results.append(pre);
    status.textContent = "Done in " + Math.round(performance.now() - started) + " ms";
    return;
  }
  const json = JSON.parse(body);
  if ("boolean" in json) { status.textContent = "Answer: " + json.boolean; return; }
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  json.head.vars.forEach(v => { const th = document.createElement("th"); th.textContent = v; head.append(th); });
  const tbody = table.createTBody();
  json.results.bindings.forEach(b => { const tr = tbody.insertRow(); json.head.vars.forEach(v => tr.append(cell(b[v]))); });
  results.append(table);
  status.textContent = json.results.bindings.length + " rows in " + Math.round(performance.now() - started) + " ms";
};
