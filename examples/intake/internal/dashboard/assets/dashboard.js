// Pickers submit themselves when changed; the print button appears.
// The pages work without this script: each form has its own button.
for (const s of document.querySelectorAll("select[data-autosubmit]")) {
  s.addEventListener("change", () => s.form.requestSubmit());
}
for (const b of document.querySelectorAll("button[data-print]")) {
  b.hidden = false;
  b.addEventListener("click", () => window.print());
}
