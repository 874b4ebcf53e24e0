// An enhancement only: the table is complete without it. Sort by a column, filter the rows.
document.documentElement.classList.add("js");
(function () {
  const table = document.querySelector("table.sortable");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const value = (row, column) => {
    const cell = row.cells[column];
    return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  };
  table.querySelectorAll("th").forEach((th, column) => {
    th.addEventListener("click", () => {
      const ascending = !th.classList.contains("sorted-asc");
      const numeric = th.dataset.type === "number";
      table.querySelectorAll("th").forEach((other) => other.classList.remove("sorted-asc", "sorted-desc"));
      th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
      const sorted = rows.slice().sort((a, b) => {
        const x = value(a, column), y = value(b, column);
        const order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
        return ascending ? order : -order;
      });
      sorted.forEach((row) => body.appendChild(row));
    });
  });
  const text = document.getElementById("filter");
  const band = document.getElementById("band-filter");
  const filter = () => {
    const words = text.value.trim().toLowerCase();
    rows.forEach((row) => {
      const shown = (!words || row.textContent.toLowerCase().includes(words))
        && (!band.value || row.classList.contains(band.value));
      row.hidden = !shown;
    });
  };
  text.addEventListener("input", filter);
  band.addEventListener("change", filter);
})();
