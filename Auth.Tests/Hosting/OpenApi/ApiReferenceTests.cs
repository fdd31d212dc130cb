using System.Net;
using Auth.Api.Hosting.OpenApi;
using Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Auth.Tests.Hosting.OpenApi;

/// <summary>The interactive reference at /docs: on in Development, off in Production unless Auth:ApiReference turns it on.</summary>
public sealed class ApiReferenceTests
{
    public sealed class ProductionApp : AuthApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    public sealed class ProductionWithReferenceApp : AuthApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new(ApiReference.Setting, "true")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    public sealed class InDevelopment(AuthApp app) : IClassFixture<AuthApp>
    {
        [Fact]
        public async Task Docs_ServesTheReferencePage_OverTheOpenApiDocument()
        {
            var client = app.CreateClient();

            var page = await client.GetAsync("/docs/");
            var html = await page.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.StartsWith("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("openapi/v1.json", html);
            Assert.Contains("scalar", html, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/scalar.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        }
    }

    public sealed class InProduction(ProductionApp app) : IClassFixture<ProductionApp>
    {
        [Fact]
        public async Task Docs_IsNotServed_ButTheDocumentIs()
        {
            var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/docs/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        }
    }

    public sealed class InProductionWithTheSetting(ProductionWithReferenceApp app) : IClassFixture<ProductionWithReferenceApp>
    {
        [Fact]
        public async Task Docs_IsServed()
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/docs/")).StatusCode);
        }
    }
}
