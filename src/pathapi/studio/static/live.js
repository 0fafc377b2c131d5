// Live studio: reload the page when a content file is saved (server-sent events).
(function () {
  if (!window.EventSource) { return; }
  var source = new EventSource("/studio/events");
  source.addEventListener("change", function () { window.location.reload(); });
})();
