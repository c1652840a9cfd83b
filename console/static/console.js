// Keeps the deadline countdowns current without reloading the page, and asks before irreversible buttons.
function formatLeft(milliseconds) {
  const minutes = Math.floor(Math.abs(milliseconds) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days}天${hours}小时` : `${hours}小时${minutes % 60}分`;
  return milliseconds >= 0 ? `剩余 ${span}` : `已超期 ${span}`;
}
function tick() {
  for (const element of document.querySelectorAll('[data-due]')) {
    const left = Date.parse(element.dataset.due) - Date.now();
    element.textContent = formatLeft(left);
    element.classList.toggle('overdue', left < 0);
  }
}
document.addEventListener('DOMContentLoaded', () => {
  tick();
  setInterval(tick, 30000);
});

// A button that changes something for others (停用, 吊销) asks first; without JavaScript the form posts directly.
document.addEventListener('submit', (event) => {
  const message = event.submitter?.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
