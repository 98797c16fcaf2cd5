// A highlighter mode of an editor library kept in the repository: its token names are
// style classes. Quiet.
(function(mod) {
  if (typeof exports == "object" && typeof module == "object") mod(require("../../lib/editor"));
  else if (typeof define == "function" && define.amd) define(["../../lib/editor"], mod);
  else mod(Editor);
})(function(Editor) {
  Editor.defineMode("shell", function() {
    return { token: function() { return null; }, secret: "k4l1m3r0x9" };
  });
});
