package sqldb

import (
	"context"
	"fmt"

	"thidua"
	"thidua/sqldb/levels"
)

var _ thidua.DossierService = (*DB)(nil)

const proposalFileColumns = `id, proposal_id, subject, subject_id, kind, name, content_type, size, storage_key, created_at`

func scanProposalFile(s scanner) (*thidua.ProposalFile, error) {
	var f thidua.ProposalFile
	if err := s.Scan(&f.ID, &f.ProposalID, &f.Subject, &f.SubjectID, &f.Kind, &f.Name, &f.ContentType, &f.Size, &f.Key, &f.CreatedAt); err != nil {
		return nil, fmt.Errorf("sqldb: scan proposal file: %w", err)
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return &f, nil
}

// AddProposalFile records a stored document in an editable proposal's dossier.
func (db *DB) AddProposalFile(ctx context.Context, f *thidua.ProposalFile) error {
	f.Name = thidua.NormalizeText(f.Name)
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := proposalFor(ctx, tx, f.ProposalID, thidua.PermRegister)
	if err != nil {
		return err
	}
	if !p.Editable() {
		return thidua.Errorf(thidua.EINVALID, "Tờ trình đã gửi, không thể bổ sung hồ sơ (trạng thái: %s).", thidua.Label(thidua.ProposalStates, p.State))
	}
	if f.Subject != "" {
		found := false
		for _, n := range p.Nominees {
			found = found || (n.Subject == f.Subject && n.SubjectID == f.SubjectID)
		}
		if !found {
			return fieldErr("subject", "Đối tượng không có trong danh sách đề nghị của tờ trình.")
		}
	} else {
		f.SubjectID = 0
	}
	f.CreatedAt = tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO proposal_files (proposal_id, subject, subject_id, kind, name, content_type, size, storage_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		f.ProposalID, f.Subject, f.SubjectID, f.Kind, f.Name, f.ContentType, f.Size, f.Key, tx.now).Scan(&f.ID); err != nil {
		return fmt.Errorf("sqldb: add proposal file: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionCreate, "proposal_file", f.ID, nil, f); err != nil {
		return err
	}
	return tx.Commit()
}

// FindProposalFiles lists a visible proposal's documents.
func (db *DB) FindProposalFiles(ctx context.Context, proposalID int64) ([]*thidua.ProposalFile, error) {
	if _, err := db.FindProposalByID(ctx, proposalID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+proposalFileColumns+` FROM proposal_files WHERE proposal_id = $1 ORDER BY subject, subject_id, id`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find proposal files: %w", err)
	}
	defer rows.Close()
	var out []*thidua.ProposalFile
	for rows.Next() {
		f, err := scanProposalFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindProposalFile returns a document if its proposal is visible.
func (db *DB) FindProposalFile(ctx context.Context, id int64) (*thidua.ProposalFile, error) {
	f, err := scanProposalFile(db.db.QueryRowContext(ctx, `SELECT `+proposalFileColumns+` FROM proposal_files WHERE id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("tài liệu")
	}
	if err != nil {
		return nil, err
	}
	if _, err := db.FindProposalByID(ctx, f.ProposalID); err != nil {
		return nil, notFound("tài liệu")
	}
	return f, nil
}

// DeleteProposalFile removes a document of an editable proposal and returns
// it, so that the caller removes the stored bytes (unless levels.DeleteFile keeps them).
func (db *DB) DeleteProposalFile(ctx context.Context, id int64) (*thidua.ProposalFile, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := scanProposalFile(tx.QueryRowContext(ctx, `SELECT `+proposalFileColumns+` FROM proposal_files WHERE id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("tài liệu")
	}
	if err != nil {
		return nil, err
	}
	p, err := proposalFor(ctx, tx, f.ProposalID, thidua.PermRegister)
	if err != nil {
		return nil, err
	}
	if !p.Editable() {
		return nil, thidua.Errorf(thidua.EINVALID, "Tờ trình đã gửi, không thể xóa tài liệu trong hồ sơ.")
	}
	if err := tx.audit(thidua.ActionDelete, "proposal_file", id, f, nil); err != nil {
		return nil, err
	}
	if err := levels.DeleteFile(ctx, tx, f); err != nil {
		return nil, err
	}
	return f, tx.Commit()
}
