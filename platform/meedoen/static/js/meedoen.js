/*
 * Meedoen West: small progressive enhancements. Every page works without this file.
 * No inline scripts or styles anywhere (the Content Security Policy forbids them).
 *
 * 1. An error summary (#foutmeldingen) gets focus when the page loads or when htmx
 *    swaps one in, so screen-reader and keyboard users hear the errors first.
 * 2. Links in the error summary move focus to the field itself (not only scroll).
 * 3. On a phone, long filter panels ([data-fold-on-phone]) start folded so the results
 *    come first; a panel with a chosen filter stays open.
 * 4. An open action menu (details.meedoen-menu) closes on Escape (focus back on its
 *    button) or on a click elsewhere, like menus people know; one menu open at a time.
 *    The main menu on a phone (details.meedoen-mainmenu) does the same.
 * 5. A failed htmx request (the server refused it, or there is no connection) says so
 *    right where the person acted, above the form or button; the texts come from the
 *    body's data-htmx-error and data-htmx-offline, and for a 503 (too busy: try again
 *    in a moment) data-htmx-busy (translated on the server).
 * 6. The search page's filter panel on a phone (#filters, opened as :target): "Toon N
 *    kansen" and Escape close it and bring you to the results; the form still submits
 *    (htmx answers it), so the results are those of the choices made.
 */
(function () {
  "use strict";

  // Lets CSS leave out what only a page without JavaScript needs (e.g. an apply button).
  document.documentElement.classList.add("meedoen-js");

  // The panel is open while it is the :target; an htmx search pushes an address without
  // the "#filters" on it, but browsers keep the target until the next fragment change.
  function filtersOpen() {
    var panel = document.getElementById("filters");
    return panel !== null && panel.matches(":target");
  }

  function closeFilters() {
    if (filtersOpen()) {
      window.location.hash = "resultaten";
    }
  }

  function focusErrorSummary(root) {
    var summary = (root || document).querySelector
      ? (root || document).querySelector("#foutmeldingen")
      : null;
    if (summary) {
      summary.focus();
    }
  }

  function onSummaryClick(event) {
    var link = event.target.closest ? event.target.closest("#foutmeldingen a[href^='#']") : null;
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field && typeof field.focus === "function") {
      event.preventDefault();
      field.focus();
      if (field.scrollIntoView) {
        field.scrollIntoView({ block: "center" });
      }
    }
  }

  function foldPanelsOnPhone() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 47.99em)").matches) {
      return;
    }
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (panel) {
      if (!panel.hasAttribute("data-has-selection")) {
        panel.removeAttribute("open");
      }
    });
  }

  // Panels that start closed so a phone shows the list first open by themselves on a
  // wide screen, where there is room beside and above the list.
  function openPanelsOnWide() {
    if (!window.matchMedia || !window.matchMedia("(min-width: 48em)").matches) {
      return;
    }
    document.querySelectorAll("details[data-open-on-wide]").forEach(function (panel) {
      panel.setAttribute("open", "");
    });
  }

  function closeMenus(except) {
    document.querySelectorAll("details.meedoen-menu[open], details.meedoen-mainmenu[open]").forEach(function (menu) {
      if (menu !== except) {
        menu.removeAttribute("open");
      }
    });
  }

  document.addEventListener("click", function (event) {
    closeMenus(
      event.target.closest ? event.target.closest("details.meedoen-menu, details.meedoen-mainmenu") : null
    );
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-close-filters]")) {
      closeFilters();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    if (filtersOpen()) {
      closeFilters();
      return;
    }
    var menu = event.target.closest
      ? event.target.closest("details.meedoen-menu[open], details.meedoen-mainmenu[open]")
      : null;
    if (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    foldPanelsOnPhone();
    openPanelsOnWide();
    focusErrorSummary(document);
  });
  document.addEventListener("click", onSummaryClick);
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail && event.detail.target);
  });

  function placeOf(event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.closest) {
      return null;
    }
    return elt.closest("form") || elt;
  }

  function clearHtmxError(event) {
    var place = placeOf(event);
    var previous = place && place.previousElementSibling;
    if (previous && previous.classList.contains("meedoen-htmx-error")) {
      previous.remove();
    }
  }

  function showHtmxError(event, text) {
    var place = placeOf(event);
    if (!place || !text || !place.parentNode) {
      return;
    }
    clearHtmxError(event);
    var alert = document.createElement("div");
    alert.className = "utrecht-alert utrecht-alert--error meedoen-alert meedoen-htmx-error";
    alert.setAttribute("role", "alert");
    var message = document.createElement("p");
    message.className = "utrecht-alert__message utrecht-paragraph";
    message.textContent = text;
    alert.appendChild(message);
    place.parentNode.insertBefore(alert, place);
  }

  document.addEventListener("htmx:beforeRequest", clearHtmxError);
  document.addEventListener("htmx:responseError", function (event) {
    // 503 is "too busy, try again in a moment" (searches or the database at their
    // limit): say that, not that something went wrong.
    var xhr = event.detail && event.detail.xhr;
    var busy = xhr && xhr.status === 503;
    showHtmxError(
      event,
      document.body.getAttribute(busy ? "data-htmx-busy" : "data-htmx-error")
    );
  });
  document.addEventListener("htmx:sendError", function (event) {
    showHtmxError(event, document.body.getAttribute("data-htmx-offline"));
  });
})();
