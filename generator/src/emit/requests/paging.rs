//! `pages()` and `stream()` for an operation with paging: every page, or every record,
//! fetched lazily by the runtime's paging walk. Their closures and conversions have
//! no layout worth copying, so prettyplease lays them out.

use super::params::ParamCode;
use crate::emit::docs::Doc;
use crate::emit::models::code;
use crate::emit::names::ident;
use crate::emit::naming::Names;
use crate::emit::text::{string_literal, Code, Item};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Field, ModelKind, Operation, TypeRef};

/// What walking `op`'s pages uses: its offset and page-size parameters, the page
/// model and its records and total fields.
pub(crate) struct Walk<'p, 'a> {
    /// The offset parameter.
    pub offset: &'p ParamCode<'a>,
    /// The page-size parameter.
    pub limit: &'p ParamCode<'a>,
    /// The model of a page.
    pub page_model: &'a str,
    /// Every field of the page.
    pub fields: &'a [Field],
    /// The field holding the records.
    pub items: &'a Field,
    /// The type of one record.
    pub item_type: &'a TypeRef,
    /// The field holding the total, when it is an integer.
    pub total: Option<&'a Field>,
}

/// How `op` pages, or `None` when it does not (or its paging does not fit its
/// parameters and return type, which validation reports).
pub(crate) fn walk<'p, 'a>(
    op: &'a Operation,
    params: &'p [ParamCode<'a>],
    api: &'a Api,
    names: &Names,
) -> Option<Walk<'p, 'a>> {
    let paging = op.paging.as_ref()?;
    let param = |name: &str| params.iter().find(|p| p.param.name == name);
    let (Some(offset), Some(limit), Some(TypeRef::Named(page_model))) = (
        param(&paging.offset_param),
        param(&paging.limit_param),
        op.returns.as_ref(),
    ) else {
        return None;
    };
    let Some(ModelKind::Struct { fields }) = api.model(page_model).map(|m| &m.kind) else {
        return None;
    };
    let field = |name: &str| fields.iter().find(|f| f.name == name);
    let items = field(&paging.items_field)?;
    let item_type = items.ty.array_item()?;
    if !offset.is_plain_integer(op, names) || !limit.is_plain_integer(op, names) {
        return None;
    }
    let total = paging
        .total_field
        .as_deref()
        .and_then(field)
        .filter(|total| matches!(total.ty, TypeRef::Int32 | TypeRef::Int64));
    Some(Walk {
        offset,
        limit,
        page_model,
        fields,
        items,
        item_type,
        total,
    })
}

/// The paging methods of `op`'s builder, or `None` when it does not page.
pub fn paging_methods(
    op: &Operation,
    params: &[ParamCode],
    builder: &str,
    api: &Api,
    names: &Names,
) -> Option<Item> {
    let paging = op.paging.as_ref()?;
    let Walk {
        offset,
        limit,
        page_model,
        items,
        item_type,
        total,
        ..
    } = walk(op, params, api, names)?;
    let page_type = rust_type(&TypeRef::Named(page_model.to_owned()), names, Scope::Crate);
    let item_type = rust_type(item_type, names, Scope::Crate);
    let items_field = ident(&names.field(page_model, &items.name));
    let (count, take) = match items.required {
        true => (
            format!("page.{items_field}.len()"),
            format!("page.{items_field}"),
        ),
        false => (
            format!("page.{items_field}.as_ref().map_or(0, Vec::len)"),
            format!("page.{items_field}.unwrap_or_default()"),
        ),
    };
    let total = match total {
        Some(total) => {
            let name = ident(&names.field(page_model, &total.name));
            match total.required {
                true => format!("Some({})", widen(&total.ty, &format!("page.{name}"))),
                false => widen_option(&total.ty, &format!("page.{name}")),
            }
        }
        None => "None".to_owned(),
    };
    let (offset_field, limit_field) = (&offset.field, &limit.field);
    let start = match (offset.param.required, &offset.param.ty) {
        (true, ty) => widen(ty, &format!("self.{offset_field}")),
        (false, TypeRef::Int32) => format!("self.{offset_field}.map_or(0, i64::from)"),
        (false, _) => format!("self.{offset_field}.unwrap_or(0)"),
    };
    let max = match paging.max_limit {
        Some(max) => format!(".or(Some({}i64))", i64::from(max)),
        None => String::new(),
    };
    let page_size = match limit.param.required {
        true => format!(
            "Some({})",
            widen(&limit.param.ty, &format!("self.{limit_field}"))
        ),
        false => format!(
            "{}{max}",
            widen_option(&limit.param.ty, &format!("self.{limit_field}"))
        ),
    };
    let size_text = match paging.max_limit {
        Some(max) => format!(
            "`{}` records a page ({max}, the most the API allows, when it is unset)",
            code(&limit.param.name)
        ),
        None => format!(
            "`{}` records a page (the API's default when it is unset)",
            code(&limit.param.name)
        ),
    };
    let pages_doc = Doc::new()
        .text("Every page of the collection, fetched one after the other as the stream is read.")
        .text(&format!(
            "Starts at this request's `{}` (0 when it is unset) and asks for {size_text}. The stream ends after the first error, an empty page, or once the page's total is reached; pages that give no total end it when they hold fewer records than asked for. Read it with `futures_util::StreamExt` (or `futures::StreamExt`).",
            code(&offset.param.name)
        ));
    let stream_doc =
        Doc::new().text("Every record of every page, one by one; see [`pages`](Self::pages).");

    let mut code = Code::to_be_formatted();
    code.line(0, &format!("impl {builder} {{"));
    code.doc(4, &pages_doc);
    code.line(
        4,
        &format!("pub fn pages(self) -> crate::Paged<{page_type}> {{"),
    );
    code.line(8, &format!("let offset = {start};"));
    code.line(8, &format!("let limit = {page_size};"));
    code.line(8, "crate::paging::pages(offset, limit,");
    code.line(
        12,
        &format!("move |offset, limit| -> crate::requests::ResponseFuture<{page_type}> {{"),
    );
    code.line(16, "let mut request = self.clone();");
    narrow(&mut code, op, offset, "offset");
    match offset.param.required {
        true => code.line(16, &format!("request.{offset_field} = offset;")),
        false => code.line(16, &format!("request.{offset_field} = Some(offset);")),
    }
    code.line(16, "if let Some(limit) = limit {");
    narrow(&mut code, op, limit, "limit");
    match limit.param.required {
        true => code.line(20, &format!("request.{limit_field} = limit;")),
        false => code.line(20, &format!("request.{limit_field} = Some(limit);")),
    }
    code.line(16, "}");
    code.line(16, "std::future::IntoFuture::into_future(request)");
    code.line(12, "},");
    code.line(12, &format!("|page: &{page_type}| ({count}, {total}),"));
    code.line(8, ")");
    code.line(4, "}");
    code.doc(4, &stream_doc);
    code.line(
        4,
        &format!("pub fn stream(self) -> crate::Paged<{item_type}> {{"),
    );
    code.line(
        8,
        &format!("crate::paging::records(self.pages(), |page: {page_type}| {take})"),
    );
    code.line(4, "}");
    code.line(0, "}");
    Some(code.finish())
}

/// Offsets, page sizes and totals travel as the API's integer type (int32 or int64);
/// the walk counts in i64, so only int32 values are converted.
fn widen(ty: &TypeRef, value: &str) -> String {
    match ty {
        TypeRef::Int32 => format!("i64::from({value})"),
        _ => value.to_owned(),
    }
}

/// [`widen`] for an optional value.
fn widen_option(ty: &TypeRef, value: &str) -> String {
    match ty {
        TypeRef::Int32 => format!("{value}.map(i64::from)"),
        _ => value.to_owned(),
    }
}

/// A value past an int32 parameter's range ends the walk with an error instead of
/// wrapping.
fn narrow(code: &mut Code, op: &Operation, p: &ParamCode, value: &str) {
    if p.param.ty != TypeRef::Int32 {
        return;
    }
    code.line(
        16,
        &format!("let Ok({value}) = i32::try_from({value}) else {{"),
    );
    code.line(
        20,
        "return Box::pin(std::future::ready(Err(crate::Error::InvalidParameter {",
    );
    code.line(24, &format!("operation: {},", string_literal(&op.name)));
    code.line(
        24,
        &format!("parameter: {},", string_literal(&p.param.name)),
    );
    code.line(24, "reason: \"is past the largest value the API takes\",");
    code.line(20, "})));");
    code.line(16, "};");
}
