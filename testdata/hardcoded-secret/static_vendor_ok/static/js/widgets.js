/*!
 * Widgets.js v3.1.4
 * (c) 2019-2023 The Widgets Authors
 * Released under the MIT License.
 */
(function () {
  const DATA_API_KEY = '.data-api';
  var emptySlotToken = '_empty_';
})();
