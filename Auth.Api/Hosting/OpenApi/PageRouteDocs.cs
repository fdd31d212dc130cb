namespace Auth.Api.Hosting.OpenApi;

/// <summary>How HTML pages are described: a tag, the session cookie they need, HTML answers and redirects.</summary>
public static class PageRouteDocs
{
    public static RouteGroupBuilder PageDocs(this RouteGroupBuilder group, string tag, string? cookieScheme = null) => group
        .WithTags(tag).BrowserPage(cookieScheme)
        .ProducesHtml(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
        .ProducesEmpty(StatusCodes.Status302Found);

    /// <summary>A page's form post: its anti-forgery token and the page's fields.</summary>
    public static RouteHandlerBuilder PageForm(this RouteHandlerBuilder builder) => builder.FormBody<PageForm>();
}
