// Center a cited line (#L15) in view so the lines around it give its context.
function centerTarget() {
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView({ block: "center" });
}
window.addEventListener("hashchange", centerTarget);
window.addEventListener("DOMContentLoaded", centerTarget);
