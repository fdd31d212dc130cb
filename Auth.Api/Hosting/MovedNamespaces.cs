// Transitional: six files in folders being edited on another branch (OAuth/ClientAuthentication,
// OAuth/OAuthResults, Token/TokenEndpoints, Token/TokenServices, Users/PasswordSignIn, Par/ParEndpoints)
// still say `using Auth.Api.Clients;`, `using Auth.Api.Observability;` or `using Auth.Api.OpenApi;`.
// Those namespaces moved (Admin/Clients, Hosting/Observability, Hosting/OpenApi). Once those six lines
// name the new namespaces, delete this file.
global using Auth.Api.Admin.Clients;
global using Auth.Api.Hosting.Observability;
global using Auth.Api.Hosting.OpenApi;

namespace Auth.Api.Clients { }
namespace Auth.Api.Observability { }
namespace Auth.Api.OpenApi { }
