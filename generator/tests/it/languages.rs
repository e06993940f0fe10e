//! The docs of every SDK language (issue 21), from fixtures of the project's own
//! written to each language's templates (`tests/fixtures/lang-*`): each language's
//! titles, tables, types, signatures and quirks read into the same model, and the
//! Python and PHP clients tested over HTTP on loopback.

use crate::common::{fixture, write_and_compile};
use apibind::model::{Api, Location, ModelKind, Operation};
use apibind::Config;

fn load(name: &str) -> apibind::Loaded {
    let dir = fixture(name);
    let docs = match dir.join("docs").is_dir() && !dir.join("README.md").is_file() {
        true => dir.join("docs"),
        false => dir,
    };
    Config::new()
        .docs(docs)
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn op<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation `{name}`"))
}

/// Each parameter as `name wire_name type location required`.
fn params(op: &Operation) -> Vec<String> {
    op.params
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {:?} {}",
                p.name, p.wire_name, p.ty, p.location, p.required
            )
        })
        .collect()
}

/// Each field of a struct model as `json_name type required`.
fn fields(api: &Api, model: &str) -> Vec<String> {
    match &api
        .model(model)
        .unwrap_or_else(|| panic!("no model `{model}`"))
        .kind
    {
        ModelKind::Struct { fields } => fields
            .iter()
            .map(|f| format!("{} {} {}", f.json_name, f.ty, f.required))
            .collect(),
        other => panic!("`{model}` is no struct: {other:?}"),
    }
}

fn errors(op: &Operation) -> Vec<String> {
    op.errors
        .iter()
        .map(|e| format!("{} {}", e.status, e.meaning))
        .collect()
}

fn warnings(loaded: &apibind::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn python_docs_read_their_types_tables_and_response_details() {
    let loaded = load("lang-python");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(api.base_url.template, "https://garden.test/v1");
    assert_eq!(
        params(op(api, "list_plants")),
        [
            "kind kind string Query false",
            "tags tags array<string> Query false",
            "limit limit int64 Query false",
        ]
    );
    assert_eq!(
        op(api, "list_plants").params[2].default.as_deref(),
        Some("20")
    );
    assert_eq!(
        params(op(api, "get_plant")),
        ["plant_id plant_id int64 Path true"]
    );
    assert_eq!(
        errors(op(api, "plant_seed")),
        [
            "409 That bed is full",
            "422 The seed is not one the garden grows"
        ],
        "`HTTP response details` rows are the documented errors"
    );
    assert_eq!(
        op(api, "get_plant").description.as_deref(),
        Some("Looks a plant up by its number."),
        "the summary is not repeated in the description"
    );
    assert_eq!(
        fields(api, "Plant"),
        [
            "id int64 true",
            "name string true",
            "planted_at date-time false",
            "tags array<string> false",
            "height_cm double false",
        ]
    );
}

#[test]
fn php_docs_read_nested_folders_fenced_signatures_and_skip_client_arguments() {
    let loaded = load("lang-php");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(api.base_url.template, "https://library.test/api");
    let get = op(api, "getBook");
    assert_eq!(
        params(get),
        [
            "book_id book_id string Path true",
            "edition edition int64 Query false"
        ],
        "no `hostIndex`, no `variables`"
    );
    assert_eq!(get.summary.as_deref(), Some("Find a book"));
    assert_eq!(
        get.description.as_deref(),
        Some("Returns one book, by its id."),
        "neither the fenced signature nor the servers are prose"
    );
    assert_eq!(get.accept.as_deref(), Some("application/json"));
    let upload = op(api, "uploadCover");
    assert_eq!(
        params(upload),
        [
            "book_id book_id string Path true",
            "caption caption string Multipart false",
            "image image binary Multipart true"
        ]
    );
    assert_eq!(
        fields(api, "Book"),
        [
            "id string true",
            "title string true",
            "authors array<string> false",
            "published string false",
            "shelf Shelf false",
        ],
        "`# # Book` names `Book`; `\\Vendor\\Model\\Shelf` is `Shelf`"
    );
    assert_eq!(
        api.auth[0].name, "bearer",
        "PHP's README says `## Authorization`"
    );
}

#[test]
fn ruby_docs_keep_names_the_rules_would_merge() {
    let loaded = load("lang-ruby");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(api.groups[0].name, "Tasks", "`# Todo::TasksApi`");
    assert_eq!(
        params(op(api, "search_tasks")),
        [
            "_type _type string Query true",
            "type type string Query false",
            "type_ type_ string Query false",
            "due_before due_before date Query false",
        ],
        "`_type`, `type` and `type_` go out as three names"
    );
    assert_eq!(
        op(api, "get_task")
            .returns
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("Task")
    );
    assert_eq!(
        fields(api, "Task"),
        [
            "id int64 true",
            "title string true",
            "due date false",
            "done_at date-time false",
            "labels map<string> false",
        ],
        "Ruby's `Date` is a day, its `Time` an instant"
    );
}

#[test]
fn csharp_docs_read_lowercase_anchors_nullable_types_and_pascal_fields() {
    let loaded = load("lang-csharp");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(
        params(op(api, "GetOrder")),
        [
            "orderId orderId int64 Path true",
            "expand expand array<string> Query false"
        ]
    );
    assert_eq!(errors(op(api, "GetOrder")), ["404 Order not found"]);
    assert_eq!(
        fields(api, "Order"),
        [
            "id int64 false",
            "quantity int32 true",
            "ship_date string false",
            "total double false",
            "notes map<string> false",
            "complete bool false",
        ]
    );
}

#[test]
fn rust_docs_read_the_required_column_options_and_raw_identifiers() {
    let loaded = load("lang-rust");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(
        params(op(api, "find_notes")),
        [
            "type type string Query true",
            "limit limit int32 Query false"
        ]
    );
    assert_eq!(
        op(api, "find_notes")
            .returns
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("array<Note>"),
        "`Vec<models::Note>` is no autolink"
    );
    let update = op(api, "update_note");
    assert_eq!(update.params[1].location, Location::Body);
    assert!(!update.params[1].required, "an empty Required cell");
    assert_eq!(
        fields(api, "Note"),
        [
            "id int64 true",
            "text string true",
            "tags array<string> false",
            "author Author false",
        ]
    );
}

#[test]
fn a_page_that_shows_no_language_is_read_in_its_folders() {
    // `Label.md` prints only `**String**`: Rust's, as its folder's other pages say
    // (a Go page would name an undeclared model `String`).
    let loaded = load("lang-rust");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(fields(&loaded.api, "Label"), ["text string true"]);
    // Dart's `List<String>` is not Java's: Dart's `int` is 64 bits, its `Date` a day.
    let loaded = Config::new()
        .docs(fixture("lang-dart").join("doc"))
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(
        fields(&loaded.api, "Fish"),
        [
            "id int64 true",
            "tags array<string> false",
            "caught date false",
            "weight double false"
        ]
    );
    assert_eq!(
        params(op(&loaded.api, "listFish")),
        [
            "pond pond int64 Query true",
            "sizes sizes array<string> Query false"
        ]
    );
}

#[test]
fn kotlin_docs_read_rows_printed_above_their_header() {
    let loaded = load("lang-kotlin");
    let api = &loaded.api;
    assert_eq!(
        params(op(api, "countBirds")),
        [
            "siteId siteId int64 Path true",
            "species species array<string> Query false",
            "since since date-time Query false",
        ]
    );
    assert_eq!(
        warnings(&loaded),
        ["auth scheme `birds_auth` (1 operation) is declared neither by README.md beside docs/ nor by the overlay's `auth:`: its operations fall back to the API's default credentials"],
        "`Configure birds_auth:` names the scheme"
    );
    assert_eq!(
        fields(api, "Sighting"),
        [
            "species string true",
            "count int32 true",
            "status string false"
        ],
        "an inline enum (`[**inline**](#Status)`) is its string"
    );
}

#[test]
fn typescript_docs_read_backticked_types_and_two_column_models() {
    let loaded = load("lang-typescript");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(
        params(op(api, "listCities")),
        [
            "country country string Query false",
            "size size string Query false"
        ],
        "`[Optional]`, and an inline enum's values in backticks"
    );
    assert_eq!(
        op(api, "listCities").params[1].enum_values,
        ["small", "medium", "large"]
    );
    assert_eq!(errors(op(api, "getCity")), ["404 No such city"]);
    assert_eq!(
        fields(api, "City"),
        [
            "id double false",
            "name string false",
            "founded string false",
            "districts array<string> false",
        ],
        "a `Name | Type` table says nothing of what is required"
    );
}

#[test]
fn java_native_docs_read_each_operation_once() {
    let loaded = load("lang-java");
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    let names: Vec<&str> = api.operations().map(|op| op.name.as_str()).collect();
    assert_eq!(
        names,
        ["trackParcel"],
        "the `WithHttpInfo` twin is the same call"
    );
    let track = op(api, "trackParcel");
    assert_eq!(
        errors(track),
        ["404 No parcel has that number", "429 Too many requests"]
    );
    assert_eq!(track.params[1].default.as_deref(), Some("en"));
    assert_eq!(
        track.params[1].enum_values,
        ["en", "fr", "de"],
        "the notes' `[enum: en, fr, de]`"
    );
    assert_eq!(
        fields(api, "Parcel"),
        [
            "id string true",
            "weight_grams int32 false",
            "sent_at date-time false",
            "status string false",
            "stops array<string> false",
        ]
    );
}

#[test]
fn python_client_sends_what_the_docs_say_over_http() {
    write_and_compile(&Config::new().docs(fixture("lang-python")), "lang-python");
}

#[test]
fn php_client_sends_what_the_docs_say_over_http() {
    write_and_compile(&Config::new().docs(fixture("lang-php")), "lang-php");
}

#[test]
fn swift_r_powershell_and_javascript_docs_read_their_own_syntax() {
    let swift = load("lang-swift");
    assert_eq!(warnings(&swift), Vec::<String>::new());
    assert_eq!(
        params(op(&swift.api, "departures")),
        [
            "stationId stationId int64 Path true",
            "lines lines array<string> Query false"
        ],
        "a fenced `open class func` signature is no prose"
    );
    assert_eq!(op(&swift.api, "departures").description, None);
    assert_eq!(
        fields(&swift.api, "Departure"),
        [
            "line string true",
            "platform int64 false",
            "delays map<int64> false",
            "stops array<Stop> false"
        ],
        "`[String: Int]` is a map, a bare `[Stop]` a list"
    );

    let r = load("lang-r");
    assert_eq!(warnings(&r), Vec::<String>::new());
    assert_eq!(
        params(op(&r.api, "FindSamples")),
        [
            "kinds kinds array<string> Query true",
            "grade grade string Query false"
        ],
        "`list( **character** )` and `Enum [low, high]`"
    );
    assert_eq!(errors(op(&r.api, "GetSample")), ["404 No such sample"]);
    assert_eq!(
        fields(&r.api, "Sample"),
        [
            "id int64 true",
            "kind string true",
            "readings array<double> false",
            "valid string false"
        ],
        "`# lab::Sample` names `Sample`"
    );

    let powershell = load("lang-powershell");
    assert_eq!(warnings(&powershell), Vec::<String>::new());
    let get = op(&powershell.api, "Get-PSBoat");
    assert_eq!(
        get.summary.as_deref(),
        Some("One boat"),
        "the signature's `<br>` lines are no summary"
    );
    assert_eq!(
        params(get),
        [
            "BoatId boatId int64 Path true",
            "Fields fields array<string> Query false"
        ]
    );
    assert_eq!(
        get.returns.as_ref().map(ToString::to_string).as_deref(),
        Some("Boat"),
        "`(PSCustomObject)` is what PowerShell makes of it"
    );

    let javascript = load("lang-javascript");
    assert_eq!(warnings(&javascript), Vec::<String>::new());
    let count = op(&javascript.api, "countBees");
    assert_eq!(
        count.returns.as_ref().map(ToString::to_string).as_deref(),
        Some("map<double>"),
        "`{{String: Number}}`"
    );
    assert_eq!(
        params(count),
        [
            "hiveId hiveId double Path true",
            "roles roles array<string> Query false"
        ]
    );
    assert_eq!(
        fields(&javascript.api, "Bee"),
        ["id double true", "role string false", "born string false"],
        "JavaScript's `Date` is a day or an instant: text"
    );
}

#[test]
fn ruby_client_sends_three_names_where_the_rule_would_send_one() {
    write_and_compile(
        &Config::new().docs(fixture("lang-ruby").join("docs")),
        "lang-ruby",
    );
}

#[test]
fn rust_client_sends_a_raw_identifier_by_its_name() {
    write_and_compile(
        &Config::new().docs(fixture("lang-rust").join("docs")),
        "lang-rust",
    );
}

#[test]
fn kotlin_client_sends_the_rows_printed_above_the_header() {
    write_and_compile(
        &Config::new().docs(fixture("lang-kotlin").join("docs")),
        "lang-kotlin",
    );
}

/// The fixtures of the other languages, each client over HTTP on loopback.
#[test]
fn every_other_languages_client_sends_what_its_docs_say() {
    for name in [
        "lang-csharp",
        "lang-typescript",
        "lang-java",
        "lang-swift",
        "lang-r",
        "lang-powershell",
        "lang-javascript",
    ] {
        write_and_compile(&Config::new().docs(fixture(name).join("docs")), name);
    }
    write_and_compile(
        &Config::new().docs(fixture("lang-dart").join("doc")),
        "lang-dart",
    );
}
