//! Rule `paging`: which operations return one page of a collection, and how to walk
//! all of it. It reads the model, so it holds for docs and specs alike; the overlay's
//! `paging:` corrects it per operation.

use crate::model::{Api, Location, ModelKind, Operation, Paging, TypeRef};

/// Names of the fields that hold a page's records and its total, in order of
/// preference, as JSON names.
const ITEMS: [&str; 4] = ["records", "items", "data", "results"];
const TOTALS: [&str; 4] = ["count", "total", "total_count", "totalCount"];

/// Sets `paging` on every operation that takes `offset` and `limit` integers in the
/// query and returns an object with an array of records.
pub fn detect(api: &mut Api) {
    let detected: Vec<Option<Paging>> = api.operations().map(|op| paging_of(api, op)).collect();
    let operations = api.groups.iter_mut().flat_map(|g| g.operations.iter_mut());
    for (op, paging) in operations.zip(detected) {
        if op.paging.is_none() {
            op.paging = paging;
        }
    }
}

fn paging_of(api: &Api, op: &Operation) -> Option<Paging> {
    let integer_param = |name: &str| {
        op.params.iter().find(|p| {
            p.name.eq_ignore_ascii_case(name)
                && p.location == Location::Query
                && matches!(p.ty, TypeRef::Int32 | TypeRef::Int64)
        })
    };
    let offset = integer_param("offset")?;
    let limit = integer_param("limit")?;
    let TypeRef::Named(page) = op.returns.as_ref()? else {
        return None;
    };
    let ModelKind::Struct { fields } = &api.model(page)?.kind else {
        return None;
    };
    let items = ITEMS.iter().find_map(|json| {
        fields
            .iter()
            .find(|f| f.json_name == *json && matches!(f.ty, TypeRef::Array(_)))
    })?;
    let total = TOTALS.iter().find_map(|json| {
        fields
            .iter()
            .find(|f| f.json_name == *json && matches!(f.ty, TypeRef::Int32 | TypeRef::Int64))
    });
    Some(Paging {
        offset_param: offset.name.clone(),
        limit_param: limit.name.clone(),
        items_field: items.name.clone(),
        total_field: total.map(|f| f.name.clone()),
        max_limit: limit.description.as_deref().and_then(stated_maximum),
    })
}

/// "Default value is 30, max value is 150." → 150: the number after a word that
/// introduces a maximum.
pub fn stated_maximum(description: &str) -> Option<u32> {
    let lower = description.to_lowercase();
    [
        "max value is ",
        "maximum value is ",
        "maximum is ",
        "max is ",
        "at most ",
        "maximum of ",
    ]
    .iter()
    .find_map(|lead| {
        let rest = &lower[lower.find(lead)? + lead.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maximum_from_prose() {
        assert_eq!(
            stated_maximum(
                "The max number of records to return. Default value is 30, max value is 150."
            ),
            Some(150)
        );
        assert_eq!(stated_maximum("At most 100 per page"), Some(100));
        assert_eq!(stated_maximum("The page size."), None);
        assert_eq!(stated_maximum("max value is many"), None);
    }
}
