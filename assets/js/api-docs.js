// Starts Swagger UI on the API documentation page (templates/api/docs.html). It lives in a
// file because the Content-Security-Policy allows no inline script; the page names the schema
// in the container's data-schema-url.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  if (!container || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  // The page has its own heading and introduction: Swagger UI's (a second h1) is left out.
  var withoutItsTitle = function () {
    return {
      wrapComponents: {
        info: function () {
          return function () {
            return null;
          };
        },
      },
    };
  };
  window.SwaggerUIBundle({
    url: container.getAttribute("data-schema-url"),
    domNode: container,
    deepLinking: true,
    // The API only reads; and no online validator badge, which would load from elsewhere.
    supportedSubmitMethods: ["get"],
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
    plugins: [withoutItsTitle],
  });
})();
